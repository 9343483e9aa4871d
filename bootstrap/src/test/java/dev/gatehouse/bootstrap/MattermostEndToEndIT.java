package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeMattermost;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Gatehouse replicas on one real database, driven by fake Mattermost servers that speak the Apps protocol:
 * the install flow, slash commands, isolation between installations, changes made through one replica enforced by
 * the other within a second (LISTEN/NOTIFY), and calls served from cache while a replica's database is cut off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MattermostEndToEndIT {

    private static final String USER = "k86a9cy93f8azx7jjiy5xfq5jc";
    private static final String ADMIN_USER = "a11a9cy93f8azx7jjiy5xfq5jc";

    private TcpProxy proxyB;
    private EmbeddedServer replicaA;
    private EmbeddedServer replicaB;
    private String adminToken;
    private final java.util.List<FakeMattermost> servers = new java.util.ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestDatabase database;

    @BeforeAll
    void start() throws Exception {
        database = TestDatabase.shared().freshDatabase();
        proxyB = TcpProxy.start(database.host(), database.port());
        replicaA = ApplicationContext.run(EmbeddedServer.class, properties(database));
        Map<String, Object> b = properties(database.via(proxyB.host(), proxyB.port()));
        b.put("flyway.datasources.default.clean-schema", false); // A owns the schema; B joins it like a second replica
        replicaB = ApplicationContext.run(EmbeddedServer.class, b);
        adminToken =
                replicaA.getApplicationContext().getBean(AdminTokenIssuer.class).issue("e2e", Duration.ofMinutes(30));
    }

    private static Map<String, Object> properties(TestDatabase db) {
        Map<String, Object> p = db.properties();
        p.put("micronaut.server.port", -1);
        p.put("gatehouse.admin.jwt-secret", "e2e-admin-secret-0123456789abcdefghijklmno");
        p.put("gatehouse.public-url", "https://gatehouse.example.com");
        p.put("gatehouse.cache.ttl", "60s"); // so that only notifications can explain a change seen within a second
        return p;
    }

    @AfterAll
    void stop() {
        replicaB.getApplicationContext().close();
        replicaA.getApplicationContext().close();
        proxyB.close();
        servers.forEach(FakeMattermost::close);
    }

    private record Registered(String id, Secret secret) {}

    /** One Mattermost server per installation: Gatehouse allows one installation per site URL. */
    private FakeMattermost mattermost(String name) throws Exception {
        FakeMattermost server = new FakeMattermost(name);
        servers.add(server);
        return server;
    }

    private Registered register(FakeMattermost server, String name) throws Exception {
        HttpResponse<String> created = admin(
                "POST",
                replicaA,
                "/admin/installations",
                "{\"name\":\"" + name + "\",\"site_url\":\"" + server.url() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Registered(json(created.body(), "id"), new Secret(json(created.body(), "secret")));
    }

    private HttpResponse<String> admin(String method, EmbeddedServer replica, String path, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.getPort() + path))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(
            FakeMattermost server,
            EmbeddedServer replica,
            Registered installation,
            Secret signWith,
            String path,
            String actingUser,
            String roles)
            throws Exception {
        URI url = URI.create("http://127.0.0.1:" + replica.getPort() + "/i/" + installation.id() + path);
        String body = actingUser == null && path.equals("/ping")
                ? FakeMattermost.pingBody()
                : server.callBody(path, server.url(), actingUser, roles);
        return server.call(url, "Bearer " + CallTokens.mattermost(signWith, Instant.now(), actingUser), body);
    }

    @Test
    void installsAndServesSlashCommandsThroughEitherReplica() throws Exception {
        FakeMattermost acme = mattermost("acme");
        Registered installation = register(acme, "Acme");
        URI root = URI.create("http://127.0.0.1:" + replicaB.getPort() + "/i/" + installation.id());

        HttpResponse<byte[]> manifest = acme.get(URI.create(root + "/manifest.json"));
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(new String(manifest.body()))
                .contains("\"root_url\":\"https://gatehouse.example.com/i/" + installation.id() + "\"")
                .contains("\"use_jwt\":true");
        assertThat(call(acme, replicaB, installation, installation.secret(), "/ping", null, null)
                        .body())
                .isEqualTo("{\"type\":\"ok\"}");
        HttpResponse<byte[]> icon = acme.get(URI.create(root + "/static/icon.png"));
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith(0x89, 'P', 'N', 'G');

        HttpResponse<String> installed = call(
                acme,
                replicaA,
                installation,
                installation.secret(),
                "/install",
                ADMIN_USER,
                "system_admin system_user");
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);
        assertThat(admin("GET", replicaB, "/admin/installations/" + installation.id(), null)
                        .body())
                .contains("\"bot_user_id\":\"" + acme.botUserId + "\"");

        String userBindings = call(
                        acme, replicaB, installation, installation.secret(), "/bindings", USER, "system_user")
                .body();
        String adminBindings = call(
                        acme,
                        replicaA,
                        installation,
                        installation.secret(),
                        "/bindings",
                        ADMIN_USER,
                        "system_admin system_user")
                .body();
        assertThat(userBindings).contains("\"label\":\"send\"").doesNotContain("configure");
        assertThat(adminBindings).contains("\"label\":\"configure\"");

        HttpResponse<String> sent =
                call(acme, replicaB, installation, installation.secret(), "/send", USER, "system_user");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("\"type\":\"ok\"");
        assertThat(acme.posts()).anySatisfy(post -> {
            assertThat(post.authorization()).isEqualTo("Bearer " + acme.botToken);
            assertThat(post.channelId()).contains(USER);
        });

        try (Connection c = database.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM audit_event WHERE action LIKE 'app.install%' OR action LIKE '%install%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2); // register + on_install
        }
    }

    @Test
    void installationsAreIsolatedFromEachOther() throws Exception {
        FakeMattermost acme = mattermost("initech");
        FakeMattermost globex = mattermost("globex");
        Registered a = register(acme, "Acme isolated");
        Registered g = register(globex, "Globex");
        // Globex's secret does not open Acme's door, and a body claiming Globex's site is refused on Acme's route.
        assertThat(call(globex, replicaA, a, g.secret(), "/send", USER, "system_user")
                        .statusCode())
                .isEqualTo(401);
        assertThat(call(globex, replicaA, a, a.secret(), "/send", USER, "system_user")
                        .statusCode())
                .isEqualTo(401);
        int acmePosts = acme.posts().size();
        assertThat(call(globex, replicaA, g, g.secret(), "/send", USER, "system_user")
                        .body())
                .contains("\"type\":\"ok\"");
        assertThat(globex.posts())
                .isNotEmpty()
                .allSatisfy(post -> assertThat(post.authorization()).isEqualTo("Bearer " + globex.botToken));
        assertThat(acme.posts()).hasSize(acmePosts);
    }

    @Test
    void aRotationOrDisableMadeThroughOneReplicaIsEnforcedByTheOtherWithinASecond() throws Exception {
        FakeMattermost acme = mattermost("hooli");
        Registered installation = register(acme, "Acme rotating");
        Secret old = installation.secret();
        assertThat(call(acme, replicaB, installation, old, "/ping", null, null).statusCode())
                .isEqualTo(200); // B caches it

        HttpResponse<String> rotated = admin(
                "POST",
                replicaA,
                "/admin/installations/" + installation.id() + "/secret/rotate",
                "{\"grace_seconds\":0}");
        Secret fresh = new Secret(json(rotated.body(), "secret"));
        assertThat(within(Duration.ofSeconds(1), () -> statusOf(acme, installation, old) == 401))
                .as("old secret refused by B")
                .isTrue();
        assertThat(call(acme, replicaB, installation, fresh, "/ping", null, null)
                        .statusCode())
                .isEqualTo(200);

        admin("PATCH", replicaA, "/admin/installations/" + installation.id(), "{\"status\":\"disabled\"}");
        assertThat(within(Duration.ofSeconds(1), () -> statusOf(acme, installation, fresh) == 403))
                .as("disabled on B")
                .isTrue();
        admin("PATCH", replicaA, "/admin/installations/" + installation.id(), "{\"status\":\"active\"}");
        assertThat(within(Duration.ofSeconds(1), () -> statusOf(acme, installation, fresh) == 200))
                .as("enabled on B")
                .isTrue();

        admin("DELETE", replicaA, "/admin/installations/" + installation.id(), null);
        assertThat(within(Duration.ofSeconds(1), () -> statusOf(acme, installation, fresh) == 404))
                .as("deleted on B")
                .isTrue();
    }

    @Test
    void aReplicaKeepsServingCachedInstallationsWhileItsDatabaseIsCutOff() throws Exception {
        FakeMattermost acme = mattermost("umbrella");
        Registered installation = register(acme, "Acme offline");
        assertThat(call(acme, replicaB, installation, installation.secret(), "/bindings", USER, "system_user")
                        .statusCode())
                .isEqualTo(200);
        proxyB.cut();
        try {
            HttpResponse<String> bindings =
                    call(acme, replicaB, installation, installation.secret(), "/bindings", USER, "system_user");
            assertThat(bindings.statusCode()).isEqualTo(200);
            assertThat(bindings.body()).contains("\"type\":\"ok\"");
            assertThat(call(acme, replicaB, installation, Secret.generate(), "/bindings", USER, "system_user")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(admin("GET", replicaB, "/admin/installations", null).statusCode())
                    .isEqualTo(503);
        } finally {
            proxyB.restore();
        }
        assertThat(within(Duration.ofSeconds(15), () -> {
                    try {
                        return admin("GET", replicaB, "/admin/installations", null)
                                        .statusCode()
                                == 200;
                    } catch (Exception e) {
                        return false;
                    }
                }))
                .isTrue();
    }

    private int statusOf(FakeMattermost acme, Registered installation, Secret secret) {
        try {
            return call(acme, replicaB, installation, secret, "/ping", null, null)
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static boolean within(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return condition.get();
    }

    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(field + " in " + body).isTrue();
        return m.group(1);
    }
}
