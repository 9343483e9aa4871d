package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeMattermost;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One tenant floods with the worst calls it can sign — 0.9 MB bodies of 65,000 keys, four at a time, as fast as it can —
 * while another calls {@code /ping} one after the other. The flood is cut by the flooding installation's own rate
 * limit (429) and its bodies are parsed off the event loops, so the other tenant's latency stays where it was. A
 * correctness check with a generous bound, not a benchmark: the figures are printed, {@code bench/} has the numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {

    private static final int CALM_CALLS = 300;
    private static final int FLOODERS = 4;

    private TestDatabase database;
    private EmbeddedServer server;
    private String adminToken;
    private final List<FakeMattermost> servers = new ArrayList<>();

    @BeforeAll
    void start() {
        database = TestDatabase.shared().freshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "isolation-admin-secret-0123456789abcdefghij");
        properties.put("gatehouse.public-url", "https://gatehouse.example.com");
        properties.put("gatehouse.rate-limit.per-second", 1);
        properties.put("gatehouse.rate-limit.burst", 2);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        adminToken = server.getApplicationContext()
                .getBean(AdminTokenIssuer.class)
                .issue("isolation", Duration.ofMinutes(10));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
        servers.forEach(FakeMattermost::close);
    }

    private record Tenant(String id, Secret secret) {}

    private Tenant register(String name) throws Exception {
        FakeMattermost mattermost = new FakeMattermost(name);
        servers.add(mattermost);
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url("/admin/installations"))
                                .header("Authorization", "Bearer " + adminToken)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"" + name + "\",\"site_url\":\"" + mattermost.url() + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Tenant(field(created.body(), "id"), new Secret(field(created.body(), "secret")));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private HttpRequest ping(Tenant tenant, String body) {
        return HttpRequest.newBuilder(url("/i/" + tenant.id() + "/ping"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(
                        "Mattermost-App-Authorization",
                        "Bearer " + CallTokens.mattermost(tenant.secret(), Instant.now(), null))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** {@code CALM_CALLS} pings one after the other; their latencies in milliseconds, sorted. */
    private double[] calmLatencies(HttpClient client, Tenant calm) throws Exception {
        double[] millis = new double[CALM_CALLS];
        for (int i = 0; i < CALM_CALLS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response =
                    client.send(ping(calm, FakeMattermost.pingBody()), HttpResponse.BodyHandlers.ofString());
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String largeBody() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 65_000; i++) {
            values.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        String ping = FakeMattermost.pingBody();
        return ping.substring(0, ping.length() - 1) + ",\"values\":{" + values + "}}";
    }

    private void roomy(Tenant tenant) throws Exception {
        HttpResponse<String> patched = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url("/admin/installations/" + tenant.id()))
                                .header("Authorization", "Bearer " + adminToken)
                                .header("Content-Type", "application/json")
                                .method(
                                        "PATCH",
                                        HttpRequest.BodyPublishers.ofString("{\"rate_limit\":{\"per_second\":100000}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void aFloodingTenantIsCutByItsRateLimitAndDoesNotMoveAnotherTenantsLatency() throws Exception {
        Map<Integer, AtomicInteger> statuses = flood(false);
        assertThat(statuses).as("the flood was cut by its own rate limit").containsKey(429);
        assertThat(statuses.getOrDefault(200, new AtomicInteger()).get())
                .as("and served up to it")
                .isPositive();
    }

    @Test
    void largeBodiesWithoutARateLimitAreParsedOffTheEventLoopsAndDoNotMoveAnotherTenantsLatency() throws Exception {
        Map<Integer, AtomicInteger> statuses = flood(true);
        assertThat(statuses.getOrDefault(200, new AtomicInteger()).get()).isPositive();
        assertThat(statuses.keySet())
                .as("served, or told to come back when its pool is full")
                .isSubsetOf(200, 503);
    }

    /** Floods from one tenant while another calls; asserts the other's p99 and answers the flood's statuses. */
    private Map<Integer, AtomicInteger> flood(boolean floodingTenantUnlimited) throws Exception {
        Tenant flooding = register("flooding-" + floodingTenantUnlimited);
        Tenant calm = register("calm-" + floodingTenantUnlimited);
        // the calm tenant calls as fast as one client can, one after another: its operator gave it room for that
        roomy(calm);
        if (floodingTenantUnlimited) {
            roomy(flooding);
        }
        HttpClient calmClient =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        calmLatencies(calmClient, calm); // warm up: JIT, caches, connections
        double[] before = calmLatencies(calmClient, calm);

        String large = largeBody();
        assertThat(large.length()).isGreaterThan(800_000);
        AtomicBoolean flooding_ = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong floodNanos = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOODERS);
        for (int i = 0; i < FLOODERS; i++) {
            flooders.submit(() -> {
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                while (flooding_.get()) {
                    try {
                        long start = System.nanoTime();
                        int status = client.send(ping(flooding, large), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        floodNanos.addAndGet(System.nanoTime() - start);
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            });
        }
        Thread.sleep(2_000); // the flood is under way
        double[] during;
        try {
            during = calmLatencies(calmClient, calm);
        } finally {
            flooding_.set(false);
            flooders.shutdown();
            assertThat(flooders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        double p50Before = percentile(before, 0.50);
        double p99Before = percentile(before, 0.99);
        double p50During = percentile(during, 0.50);
        double p99During = percentile(during, 0.99);
        System.out.printf(
                "tenant isolation (flooder " + (floodingTenantUnlimited ? "unlimited" : "at the default limit")
                        + "): calm tenant /ping p50 %.2f ms, p99 %.2f ms before; p50 %.2f ms, p99 %.2f ms, max"
                        + " %.2f ms during the flood; flooding tenant's answers by status: %s, %.1f ms each on average%n",
                p50Before,
                p99Before,
                p50During,
                p99During,
                during[during.length - 1],
                statuses,
                floodNanos.get()
                        / 1e6
                        / Math.max(
                                1,
                                statuses.values().stream()
                                        .mapToInt(AtomicInteger::get)
                                        .sum()));

        assertThat(p99During)
                .as("the calm tenant's p99 (%.2f ms before the flood)", p99Before)
                .isLessThan(Math.max(4 * p99Before, p99Before + 100));
        return statuses;
    }
}
