package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeMattermost;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.bootstrap.drain.ReplicaDrain;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping a replica. SIGTERM first drains it (readiness 503, answers with {@code Connection: close}, still serving
 * for the drain delay), then closes the context: a call in flight is answered, not cut off with a reset connection,
 * and the replica then stops within the grace period.
 */
class GracefulShutdownIT {

    private FakeMattermost mattermost;

    @AfterEach
    void closeFake() {
        if (mattermost != null) {
            mattermost.close();
        }
    }

    @Test
    void aCallInFlightWhenTheReplicaStopsIsAnswered() throws Exception {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "shutdown-admin-secret-0123456789abcdefghijk");
        properties.put("gatehouse.public-url", "https://gatehouse.example.com");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.getPort();

        mattermost = new FakeMattermost("shutdown");
        String admin =
                server.getApplicationContext().getBean(AdminTokenIssuer.class).issue("shutdown", Duration.ofMinutes(5));
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/installations"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"Shutdown\",\"site_url\":\"" + mattermost.url() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        Secret secret = new Secret(field(created.body(), "secret"));

        // /send waits on Mattermost, which answers after 3 s: the call is in flight when the replica stops
        mattermost.mode(FakeMattermost.Mode.SLOW);
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/i/" + id + "/send"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header(
                                "Mattermost-App-Authorization",
                                "Bearer " + CallTokens.mattermost(secret, Instant.now(), "u1"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                mattermost.callBody("/send", mattermost.url(), "u1", "system_user")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1_000);
        long stopping = System.nanoTime();
        server.getApplicationContext().close();
        Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

        HttpResponse<String> answered = inFlight.get();
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body())
                .as("the call finished its work: its outbound client was not closed under it")
                .contains("\"type\":\"ok\"");
        assertThat(mattermost.posts()).hasSize(1);
        assertThat(stopped).as("stopped within the grace period").isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aDrainingReplicaIsNotReadyYetServesAndClosesEachConnectionAfterItsAnswer() throws Exception {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "shutdown-admin-secret-0123456789abcdefghijk");
        properties.put("gatehouse.public-url", "https://gatehouse.example.com");
        properties.put("gatehouse.shutdown.drain-delay", "3s");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        try {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.getPort();
            String admin = server.getApplicationContext()
                    .getBean(AdminTokenIssuer.class)
                    .issue("drain", Duration.ofMinutes(5));
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/admin/installations"))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"Drain\",\"site_url\":\"https://chat.example.com\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            URI manifest = URI.create(base + "/i/" + field(created.body(), "id") + "/manifest.json");
            // readiness is DOWN until the start-up warm-up ran (issue 10's warm-up, landed beside the drain)
            assertThat(server.getApplicationContext()
                            .getBean(StartupWarmUp.class)
                            .awaitDone(30, TimeUnit.SECONDS))
                    .isTrue();
            assertThat(get(http, base + "/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get(http, manifest.toString()).headers().firstValue("Connection"))
                    .as("keep-alive while serving")
                    .isNotEqualTo(Optional.of("close"));

            ReplicaDrain drain = server.getApplicationContext().getBean(ReplicaDrain.class);
            long started = System.nanoTime();
            CompletableFuture<Void> draining = CompletableFuture.runAsync(drain::drain);
            while (!drain.draining()) {
                Thread.onSpinWait();
            }

            HttpResponse<String> readiness = get(http, base + "/health/readiness");
            assertThat(readiness.statusCode())
                    .as("load balancers take the replica out")
                    .isEqualTo(503);
            assertThat(get(http, base + "/health/liveness").statusCode())
                    .as("alive: no orchestrator restarts it")
                    .isEqualTo(200);
            HttpResponse<String> call = get(http, manifest.toString());
            assertThat(call.statusCode()).as("still serving").isEqualTo(200);
            assertThat(call.headers().firstValue("Connection")).hasValue("close");
            assertThat(draining).as("the drain lasts its delay").isNotDone();

            draining.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(get(http, manifest.toString()).statusCode())
                    .as("serving until the graceful shutdown begins")
                    .isEqualTo(200);
        } finally {
            server.getApplicationContext().close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
