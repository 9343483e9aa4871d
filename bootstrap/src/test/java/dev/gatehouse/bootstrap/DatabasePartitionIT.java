package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.mattermost.FakeMattermost;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11's silent-partition reproduction on one replica whose database sits behind a proxy that stalls (drops
 * everything, closes nothing): looping clients get an answer within the design's 10 s however the partition catches
 * them, and service again once it ends; 400 concurrent requests during a stall do not grow 400 threads. Short
 * database timeouts (socket 2 s, statement 1 s) and a small blocking executor (8 threads, 32 waiting) keep it quick;
 * {@code -Dgatehouse.partition.seconds=75} runs the red team's 75 s partition with the default database timeouts
 * and prints what it measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabasePartitionIT {

    private static final Duration PROMISE = Duration.ofSeconds(10);
    private static final int BLOCKING_THREADS = 8;
    private static final String PARTITION_SECONDS = "gatehouse.partition.seconds";

    private TcpProxy proxy;
    private EmbeddedServer replica;
    private String adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        proxy = TcpProxy.start(database.host(), database.port());
        Map<String, Object> p = database.via(proxy.host(), proxy.port()).properties();
        p.put("micronaut.server.port", -1);
        p.put("gatehouse.admin.jwt-secret", "partition-admin-secret-0123456789abcdefghij");
        p.put("gatehouse.public-url", "https://gatehouse.example.com");
        p.put("gatehouse.rate-limit.enabled", false); // ten clients looping as fast as they can: a load, not a flood
        if (System.getProperty(PARTITION_SECONDS) == null) { // a measured run keeps the default database timeouts
            p.put("gatehouse.database.connect-timeout", "1s");
            p.put("gatehouse.database.socket-timeout", "2s");
            p.put("gatehouse.database.statement-timeout", "1s");
        }
        p.put("gatehouse.blocking-executor.threads", BLOCKING_THREADS);
        p.put("gatehouse.blocking-executor.queue", 32);
        replica = ApplicationContext.run(EmbeddedServer.class, p);
        adminToken =
                replica.getApplicationContext().getBean(AdminTokenIssuer.class).issue("ops", Duration.ofMinutes(30));
    }

    @AfterEach
    void heal() throws Exception {
        proxy.restore();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline
                && send(adminList(Duration.ofSeconds(10))).statusCode() != 200) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stop() {
        replica.getApplicationContext().close();
        proxy.close();
    }

    private record Registered(String id, Secret secret) {}

    private Registered register(String name) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/admin/installations"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"site_url\":\"https://" + name
                        + "-" + System.nanoTime() + ".example.com\"}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Registered(json(created.body(), "id"), new Secret(json(created.body(), "secret")));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + replica.getPort() + path);
    }

    private HttpRequest adminList(Duration timeout) {
        return HttpRequest.newBuilder(uri("/admin/installations"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + adminToken)
                .GET()
                .build();
    }

    private HttpRequest ping(Registered installation, Duration timeout) {
        return HttpRequest.newBuilder(uri("/i/" + installation.id() + "/ping"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(
                        "Mattermost-App-Authorization",
                        "Bearer " + CallTokens.mattermost(installation.secret(), Instant.now(), null))
                .POST(HttpRequest.BodyPublishers.ofString(FakeMattermost.pingBody()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** One request's fate: its status (-1: no answer before the client gave up) and how long it took. */
    private record Outcome(String kind, int status, Duration latency) {}

    @Test
    void loopingClientsThroughASilentPartitionAreAnsweredWithinTheBoundAndServedAgainAfterwards() throws Exception {
        Duration partition = Duration.ofSeconds(Long.getLong(PARTITION_SECONDS, 8));
        Registered called = register("called");
        Registered uncalled = register("uncalled"); // first looked up during the partition: not in the cache
        assertThat(send(ping(called, PROMISE)).statusCode()).isEqualTo(200);

        Duration clientGivesUp = partition.plus(Duration.ofSeconds(30));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean stalled = new AtomicBoolean();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                int n = client;
                while (running.get()) {
                    String kind = List.of("admin list", "cached call", "uncached call")
                            .get(n++ % (stalled.get() ? 3 : 2));
                    HttpRequest request = switch (kind) {
                        case "admin list" -> adminList(clientGivesUp);
                        case "cached call" -> ping(called, clientGivesUp);
                        default -> ping(uncalled, clientGivesUp);
                    };
                    long started = System.nanoTime();
                    int status;
                    try {
                        status = send(request).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    outcomes.add(new Outcome(kind, status, Duration.ofNanos(System.nanoTime() - started)));
                }
            });
            thread.setDaemon(true);
            clients.add(thread);
        }
        long rssBefore = rssKiB();
        int threadsBefore = serverThreads();
        clients.forEach(Thread::start);
        Thread.sleep(1_000);

        proxy.stall();
        stalled.set(true);
        long peakRss = rssBefore;
        int peakThreads = threadsBefore;
        for (long end = System.nanoTime() + partition.toNanos(); System.nanoTime() < end; ) {
            Thread.sleep(200);
            peakRss = Math.max(peakRss, rssKiB());
            peakThreads = Math.max(peakThreads, serverThreads());
        }
        proxy.restore();
        Thread.sleep(PROMISE.toMillis());
        running.set(false);
        for (Thread client : clients) {
            client.join(clientGivesUp.toMillis());
        }

        Map<String, Integer> statuses = new TreeMap<>();
        outcomes.forEach(o -> statuses.merge(o.kind() + " " + o.status(), 1, Integer::sum));
        Duration slowest =
                outcomes.stream().map(Outcome::latency).max(Duration::compareTo).orElseThrow();
        System.out.printf(
                "PARTITION %d s, 10 looping clients: %d requests %s; slowest %d ms; server threads %d -> peak %d;"
                        + " RSS %d -> peak %d MiB%n",
                partition.toSeconds(),
                outcomes.size(),
                statuses,
                slowest.toMillis(),
                threadsBefore,
                peakThreads,
                rssBefore / 1024,
                peakRss / 1024);

        assertThat(slowest)
                .as("every request answered within the design's 10 s")
                .isLessThan(PROMISE);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.kind()).isIn(200, 503));
        assertThat(outcomes)
                .filteredOn(o -> o.kind().equals("cached call"))
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(200));
        assertThat(statuses).containsKeys("admin list 503", "uncached call 503");
        assertThat(send(adminList(PROMISE)).statusCode()).isEqualTo(200);
        assertThat(send(ping(uncalled, PROMISE)).statusCode()).isEqualTo(200);
    }

    @Test
    void fourHundredConcurrentRequestsDuringAStallUseABoundedNumberOfThreads() throws Exception {
        int threadsBefore = serverThreads();
        proxy.stall();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            requests.add(http.sendAsync(adminList(Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString()));
        }
        AtomicInteger peakBlocking = new AtomicInteger();
        AtomicInteger peakIo = new AtomicInteger();
        AtomicInteger peakThreads = new AtomicInteger();
        CompletableFuture<Void> all = CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new));
        while (!all.isDone()) {
            peakBlocking.accumulateAndGet(threadsNamed(BlockingExecutor.NAME), Math::max);
            peakIo.accumulateAndGet(threadsNamed("io-executor"), Math::max);
            peakThreads.accumulateAndGet(serverThreads(), Math::max);
            Thread.sleep(20);
        }
        System.out.printf(
                "400 CONCURRENT during a stall: blocking threads peak %d, io-executor threads peak %d,"
                        + " server threads %d -> peak %d%n",
                peakBlocking.get(), peakIo.get(), threadsBefore, peakThreads.get());

        assertThat(peakBlocking.get()).isLessThanOrEqualTo(BLOCKING_THREADS);
        assertThat(peakThreads.get() - threadsBefore).isLessThan(40);
        List<HttpResponse<String>> answers =
                requests.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(503));
        assertThat(answers)
                .filteredOn(
                        r -> r.headers().firstValue("Retry-After").orElse("").equals("1"))
                .as("refused at once by the full executor")
                .isNotEmpty();
    }

    /** Threads of the JVM less the test's own HTTP client and proxy, which share it with the server. */
    private static int serverThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t ->
                        !t.getName().startsWith("HttpClient") && !t.getName().startsWith("tcp-proxy"))
                .count();
    }

    private static int threadsNamed(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix))
                .count();
    }

    private static long rssKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(field + " in " + body).isTrue();
        return m.group(1);
    }
}
