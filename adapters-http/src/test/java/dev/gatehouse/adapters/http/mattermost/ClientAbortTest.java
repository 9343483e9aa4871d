package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.gatehouse.adapters.http.AdminTokens;
import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.adapters.http.LogCapture;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away in the middle of its body (a closed tab, a proxy timeout) is not a server error: one INFO
 * line, no stack trace, no 500 ERROR. Sent over a raw socket: an HTTP client would not stop mid-body.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@Property(name = "gatehouse.public-url", value = CallTestSupport.PUBLIC_URL)
class ClientAbortTest extends CallTestSupport {

    /** Sends the head and a part of the declared body, then closes the connection. */
    private void abortMidBody(String path, String authorization) throws IOException {
        String part = "{\"path\":\"/info\",\"context\":{\"app_id\":\"";
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + authorization + "\r\nContent-Length: " + (part.length() + 50_000) + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream().write((head + part).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            Thread.sleep(200); // let the server start reading the body
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server notices the closed connection on its own threads: wait for its log line, then a little more. */
    private static List<ILoggingEvent> settle(LogCapture logs) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (logs.events().stream().noneMatch(e -> e.getLoggerName().contains(".error."))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        return logs.events();
    }

    @Test
    void aCallAbortedMidBodyIsOneInfoLineWithoutStackTrace() throws Exception {
        Secret secret = Secret.generate();
        Installation installation = register("https://abort" + System.nanoTime() + ".example.com", secret);
        String token = CallTokens.mattermost(secret, clock.instant(), "u1");
        try (LogCapture logs = new LogCapture()) {
            abortMidBody("/i/" + installation.id() + "/info", "Mattermost-App-Authorization: Bearer " + token);

            assertOneInfoLineWithoutStackTrace(settle(logs));
        }
    }

    @Test
    void anAdminRequestAbortedMidBodyIsOneInfoLineWithoutStackTrace() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            abortMidBody("/admin/installations", "Authorization: Bearer " + AdminTokens.admin("ops"));

            assertOneInfoLineWithoutStackTrace(settle(logs));
        }
    }

    private static void assertOneInfoLineWithoutStackTrace(List<ILoggingEvent> events) {
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getLevel().isGreaterOrEqual(Level.WARN))
                    .as(e.getFormattedMessage())
                    .isFalse();
            assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull();
        });
        assertThat(events)
                .filteredOn(e -> e.getFormattedMessage()
                        .contains("the client closed the connection before sending the whole body"))
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
    }
}
