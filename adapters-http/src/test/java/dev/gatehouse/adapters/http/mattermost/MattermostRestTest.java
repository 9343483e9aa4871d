package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.MattermostException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.client.HttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How both REST adapters report Mattermost's answers ({@link MattermostRest}): status and error id from its error body,
 * a 404 that is an answer, an answer without what the operation needs, and what is counted.
 */
class MattermostRestTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpClient client = HttpClient.create(null, new MattermostClientConfiguration());
    private final MattermostRest rest = new MattermostRest(client, new CallMetrics(meters));
    private final HttpMattermostProvisioning provisioning = new HttpMattermostProvisioning(rest);
    private final HttpMattermost mattermost = new HttpMattermost(rest, null);
    private FakeClassicMattermost classic;
    private HttpServer odd;

    @AfterEach
    void stop() {
        client.close();
        if (classic != null) {
            classic.close();
        }
        if (odd != null) {
            odd.stop(0);
        }
    }

    private MattermostSession adminOf(FakeClassicMattermost server) {
        InMemoryMattermostServer state = server.server();
        return new MattermostSession(
                server.siteUrl(), state.login(state.addAdmin("root").id()));
    }

    @Test
    void mattermostsStatusAndErrorIdReachTheExceptionAndTheFailureIsCounted() throws IOException {
        classic = new FakeClassicMattermost();
        MattermostSession admin = adminOf(classic);

        assertThatThrownBy(() -> provisioning.createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse"))
                .isInstanceOfSatisfying(MattermostException.class, e -> {
                    assertThat(e.status()).contains(403);
                    assertThat(e.errorId()).contains("api.bot.create_disabled");
                    assertThat(e.getMessage())
                            .isEqualTo("Mattermost answered HTTP 403 (api.bot.create_disabled) when creating the bot"
                                    + " hello-jwt (not allowed for this user).")
                            .doesNotContain(admin.token());
                });
        assertThat(errors("create_bot", "status_4xx")).isEqualTo(1);
    }

    @Test
    void aUsernameNobodyHasIsAnAnswerNotAFailure() throws IOException {
        classic = new FakeClassicMattermost();
        assertThat(provisioning.userByUsername(adminOf(classic), "nobody")).isEmpty();
        assertThat(meters.find("gatehouse.mattermost.client.errors").counters()).isEmpty();
    }

    @Test
    void anErrorBodyThatIsNotMattermostsNamesNoErrorId() throws IOException {
        odd = answering(403, "<html>Forbidden by a proxy</html>");
        assertThatThrownBy(() -> mattermost.user(session(odd), "me"))
                .isInstanceOfSatisfying(MattermostException.class, e -> {
                    assertThat(e.status()).contains(403);
                    assertThat(e.errorId()).isEmpty();
                });
    }

    @Test
    void anErrorIdThatIsNoMattermostKeyIsNotRepeated() throws IOException {
        odd = answering(401, "{\"id\":\"token=abc123 was refused\",\"message\":\"token=abc123\",\"status_code\":401}");
        assertThatThrownBy(() -> mattermost.user(session(odd), "me"))
                .isInstanceOfSatisfying(MattermostException.class, e -> {
                    assertThat(e.status()).contains(401);
                    assertThat(e.errorId()).isEmpty();
                    assertThat(e.getMessage()).doesNotContain("abc123");
                });
    }

    @Test
    void anAnswerWithoutWhatTheOperationNeedsIsAnInvalidResponse() throws IOException {
        odd = answering(200, "{\"username\":\"nobody\"}");
        assertThatThrownBy(() -> mattermost.user(session(odd), "me"))
                .isInstanceOf(MattermostException.class)
                .hasMessage("Mattermost gave an answer Gatehouse could not read when reading a user.");
        assertThat(errors("get_user", "invalid_response")).isEqualTo(1);

        assertThatThrownBy(() -> provisioning.createUserAccessToken(session(odd), "bot1", "Gatehouse"))
                .isInstanceOf(MattermostException.class);
        assertThat(errors("create_user_access_token", "invalid_response")).isEqualTo(1);
    }

    private MattermostSession session(HttpServer server) {
        return new MattermostSession(
                SiteUrl.of("http://127.0.0.1:" + server.getAddress().getPort()), "session-token-abc123");
    }

    /** A server that answers every request with this status and body. */
    private static HttpServer answering(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> FakeHttp.respond(exchange, status, body));
        server.start();
        return server;
    }

    private double errors(String operation, String kind) {
        Counter counter = meters.find("gatehouse.mattermost.client.errors")
                .tag("operation", operation)
                .tag("kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
