package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.CallPathWarmUp;
import dev.gatehouse.adapters.persistence.installation.CachingInstallations;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/**
 * The start-up warm-up: readiness DOWN until it ran, liveness never waiting; no audit row, no metric, no installation
 * from it; its marker honoured only while it runs; a failing warm-up still lets the replica go ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupWarmUpIT {

    private TestDatabase database;
    private EmbeddedServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws InterruptedException {
        database = TestDatabase.shared().freshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "warm-up-admin-secret-0123456789abcdefghijk");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        // the server's own warm-up first, so that the tests' warm-ups and counts do not overlap it
        assertThat(server.getApplicationContext().getBean(StartupWarmUp.class).awaitDone(30, TimeUnit.SECONDS))
                .isTrue();
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    /** A warm-up of its own, not started by the server: the test decides when it runs. */
    private StartupWarmUp warmUp(WarmUpConfiguration configuration) {
        ApplicationContext context = server.getApplicationContext();
        return new StartupWarmUp(
                context.getBean(CallPathWarmUp.class), context.getBean(CachingInstallations.class), configuration);
    }

    private static HealthStatus status(WarmUpReadiness readiness) {
        HealthResult result = Mono.from(readiness.getResult()).block();
        return result.getStatus();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theServerIsLiveAndReadyOnceItsWarmUpRan() throws Exception {
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIsDownUntilTheWarmUpRan() throws Exception {
        StartupWarmUp warmUp = warmUp(new WarmUpConfiguration(true, 2, Duration.ofSeconds(30), 10));
        WarmUpReadiness readiness = new WarmUpReadiness(warmUp);
        assertThat(status(readiness)).isEqualTo(HealthStatus.DOWN);

        warmUp.onApplicationEvent(new ServerStartupEvent(server));
        assertThat(warmUp.awaitDone(30, TimeUnit.SECONDS)).isTrue();
        assertThat(status(readiness)).isEqualTo(HealthStatus.UP);
    }

    @Test
    void theWarmUpLeavesNoAuditRowNoMetricAndNoInstallation() throws Exception {
        MeterRegistry meters = server.getApplicationContext().getBean(MeterRegistry.class);
        double refusalsBefore = refusals(meters);
        long callsBefore = calls(meters);
        Map<String, Long> rowsBefore = rows();

        StartupWarmUp warmUp = warmUp(new WarmUpConfiguration(true, 3, Duration.ofSeconds(30), 10));
        warmUp.onApplicationEvent(new ServerStartupEvent(server));
        assertThat(warmUp.awaitDone(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // audit rows are written off the request thread: give a stray one time to land

        assertThat(refusals(meters)).isEqualTo(refusalsBefore);
        assertThat(calls(meters)).isEqualTo(callsBefore);
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(rowsBefore.get("installation")).isZero();
    }

    @Test
    void theWarmUpMarkerCountsForNothingOutsideAWarmUp() throws Exception {
        MeterRegistry meters = server.getApplicationContext().getBean(MeterRegistry.class);
        double before = refusals(meters);
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + server.getPort() + "/i/" + UUID.randomUUID() + "/bindings"))
                        .header(CallPathWarmUp.HEADER, "guessed-marker-0123456789abcdefghijklmnopq")
                        .header("Content-Type", "application/json")
                        .header("Mattermost-App-Authorization", "Bearer a.b.c")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/bindings\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refusals(meters)).isEqualTo(before + 1); // counted like any other refusal
    }

    @Test
    void aFailingWarmUpStillGoesReady() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StartupWarmUp warmUp = warmUp(new WarmUpConfiguration(true, 2, Duration.ofSeconds(5), 0));
        WarmUpReadiness readiness = new WarmUpReadiness(warmUp);
        warmUp.start(closedPort); // nothing listens there: the requests over loopback fail to connect
        assertThat(warmUp.awaitDone(30, TimeUnit.SECONDS)).isTrue();
        assertThat(status(readiness)).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aDisabledWarmUpIsReadyAtOnce() {
        StartupWarmUp warmUp = warmUp(new WarmUpConfiguration(false, 5, Duration.ofSeconds(10), 0));
        assertThat(status(new WarmUpReadiness(warmUp))).isEqualTo(HealthStatus.UP);
    }

    private static double refusals(MeterRegistry meters) {
        return meters.find("gatehouse.calls.rejected").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static long calls(MeterRegistry meters) {
        return meters.find("gatehouse.calls").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    private Map<String, Long> rows() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            return Map.of(
                    "installation", count(statement, "installation"),
                    "audit_event", count(statement, "audit_event"),
                    "audit_refusal_counts", count(statement, "audit_refusal_counts"));
        }
    }

    private static long count(Statement statement, String table) throws Exception {
        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
