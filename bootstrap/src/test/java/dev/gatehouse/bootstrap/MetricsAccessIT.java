package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /metrics} protected by a scrape token: only that token or an admin token reads it; health stays open. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAccessIT {

    private static final String SCRAPE_TOKEN = "scrape-token-0123456789abcdefghijklmnop";

    private TestDatabase database;
    private EmbeddedServer server;
    private String adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws InterruptedException {
        database = TestDatabase.shared().freshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "metrics-admin-secret-0123456789abcdefghijk");
        properties.put("gatehouse.metrics.token", SCRAPE_TOKEN);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        adminToken = server.getApplicationContext()
                .getBean(AdminTokenIssuer.class)
                .issue("metrics-operator", Duration.ofMinutes(5));
        // readiness (and /health with it) is DOWN until the start-up warm-up ran
        if (!server.getApplicationContext().getBean(StartupWarmUp.class).awaitDone(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the start-up warm-up did not finish");
        }
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScrapeWithoutTheTokenIsRefusedAndShowsNoMetric() throws Exception {
        for (String authorization : new String[] {
            null,
            "Bearer wrong-token-0123456789abcdefghijklmnop",
            "Bearer " + SCRAPE_TOKEN + "x",
            "Bearer " + SCRAPE_TOKEN.substring(1),
            "Basic " + SCRAPE_TOKEN,
            SCRAPE_TOKEN
        }) {
            HttpResponse<String> refused = get("/metrics", authorization);
            assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("jvm_memory_used_bytes");
        }
    }

    @Test
    void theScrapeTokenOrAnAdminTokenReadsTheMetrics() throws Exception {
        for (String authorization :
                new String[] {"Bearer " + SCRAPE_TOKEN, "bearer " + SCRAPE_TOKEN, "Bearer " + adminToken}) {
            HttpResponse<String> metrics = get("/metrics", authorization);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        }
    }

    @Test
    void healthStaysOpenForProbes() throws Exception {
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aShortTokenStopsStartupNamingTheVariable() {
        Map<String, Object> properties = database.properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "metrics-admin-secret-0123456789abcdefghijk");
        properties.put("gatehouse.metrics.token", "short");
        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, properties).close())
                .hasStackTraceContaining("GATEHOUSE_METRICS_TOKEN")
                .hasStackTraceContaining("at least 32 characters");
    }
}
