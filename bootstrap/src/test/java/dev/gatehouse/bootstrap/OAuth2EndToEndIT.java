package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeMattermost;
import dev.gatehouse.adapters.http.oauth2.FakeOAuth2Provider;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OAuth2 round trip on the real wiring (real Postgres advisory lock, real AES-GCM master key) across two replicas:
 * an admin configures the client, a user connects through the provider, and concurrent {@code me} calls on an expired
 * token — half to each replica — redeem the refresh token exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2EndToEndIT {

    private static final String ADMIN = "a11a9cy93f8azx7jjiy5xfq5jc";
    private static final String USER = "u22a9cy93f8azx7jjiy5xfq5jc";
    private static final String ADMIN_ROLES = "system_admin system_user";
    private static final String USER_ROLES = "system_user";

    private EmbeddedServer replicaA;
    private EmbeddedServer replicaB;
    private FakeOAuth2Provider provider;
    private FakeMattermost mattermost;
    private String installationId;
    private Secret secret;
    private JsonMapper json;
    private final Map<String, Map<String, String>> expands = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        provider = new FakeOAuth2Provider();
        mattermost = new FakeMattermost("oauth-e2e");
        TestDatabase database = TestDatabase.shared().freshDatabase();
        replicaA = ApplicationContext.run(EmbeddedServer.class, properties(database, true));
        replicaB = ApplicationContext.run(EmbeddedServer.class, properties(database, false));
        json = replicaA.getApplicationContext().getBean(JsonMapper.class);

        String adminToken =
                replicaA.getApplicationContext().getBean(AdminTokenIssuer.class).issue("e2e", Duration.ofMinutes(10));
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicaA.getPort() + "/admin/installations"))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"OAuth chat\",\"site_url\":\"" + mattermost.url() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> installation = json.readValue(created.body(), Argument.mapOf(String.class, Object.class));
        installationId = (String) installation.get("id");
        secret = new Secret((String) installation.get("secret"));
        learnExpands();
    }

    private Map<String, Object> properties(TestDatabase database, boolean ownsSchema) {
        Map<String, Object> p = database.properties();
        p.put("flyway.datasources.default.clean-schema", ownsSchema);
        p.put("micronaut.server.port", -1);
        p.put("gatehouse.admin.jwt-secret", "e2e-admin-secret-0123456789abcdefghijklmno");
        p.put("gatehouse.public-url", "https://gatehouse.example.com");
        p.put("gatehouse.oauth2.authorize-url", provider.authorizeUrl());
        p.put("gatehouse.oauth2.token-url", provider.tokenUrl());
        p.put("gatehouse.oauth2.userinfo-url", provider.userinfoUrl());
        p.put("gatehouse.oauth2.scopes", "read:user");
        return p;
    }

    @AfterAll
    void stop() {
        replicaB.getApplicationContext().close();
        replicaA.getApplicationContext().close();
        mattermost.close();
        provider.close();
    }

    /** The expand of every call, as Gatehouse declares it in its manifest and (an admin's) bindings. */
    @SuppressWarnings("unchecked")
    private void learnExpands() throws Exception {
        Map<String, Object> manifest = json.readValue(
                new String(mattermost.get(url(replicaA, "/manifest.json")).body(), StandardCharsets.UTF_8),
                Argument.mapOf(String.class, Object.class));
        for (String key : List.of("bindings", "get_oauth2_connect_url", "on_oauth2_complete")) {
            Map<String, Object> call = (Map<String, Object>) manifest.get(key);
            expands.put((String) call.get("path"), (Map<String, String>) call.get("expand"));
        }
        Map<String, Object> bindings = call(replicaA, "/bindings", ADMIN, ADMIN_ROLES, Map.of());
        collect(bindings.get("data"));
    }

    @SuppressWarnings("unchecked")
    private void collect(Object node) {
        if (!(node instanceof List<?> list)) {
            return;
        }
        for (Object item : list) {
            Map<String, Object> binding = (Map<String, Object>) item;
            Object submit = binding.get("submit") != null
                    ? binding.get("submit")
                    : binding.get("form") != null ? ((Map<String, Object>) binding.get("form")).get("submit") : null;
            if (submit != null) {
                Map<String, Object> s = (Map<String, Object>) submit;
                expands.put(
                        (String) s.get("path"),
                        s.get("expand") == null ? Map.of() : (Map<String, String>) s.get("expand"));
            }
            collect(binding.get("bindings"));
        }
    }

    private URI url(EmbeddedServer replica, String path) {
        return URI.create("http://127.0.0.1:" + replica.getPort() + "/i/" + installationId + path);
    }

    private Map<String, Object> call(
            EmbeddedServer replica, String path, String user, String roles, Map<String, String> values)
            throws Exception {
        HttpResponse<String> response = mattermost.invoke(
                url(replica, path),
                secret,
                Instant.now(),
                expands.getOrDefault(path, Map.of("acting_user", "summary")),
                mattermost.url(),
                user,
                roles,
                values);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void configureConnectRefreshOnceAcrossReplicasAndDisconnect() throws Exception {
        assertThat(call(
                        replicaA,
                        "/configure",
                        ADMIN,
                        ADMIN_ROLES,
                        Map.of(
                                "client_id",
                                FakeOAuth2Provider.CLIENT_ID,
                                "client_secret",
                                FakeOAuth2Provider.CLIENT_SECRET)))
                .containsEntry("type", "ok");
        assertThat(mattermost.storedOAuth2App().orElseThrow())
                .doesNotContain(FakeOAuth2Provider.CLIENT_SECRET)
                .contains("gh3.");

        // Connect through replica B, complete through replica A; the first token is already inside its expiry margin.
        String state = FakeMattermost.connectState(USER);
        Map<String, Object> connect = call(replicaB, "/oauth2/connect", USER, USER_ROLES, Map.of("state", state));
        String authorizeUrl = (String) connect.get("data");
        assertThat(authorizeUrl).startsWith(provider.authorizeUrl() + "?").contains("state=" + state);
        String redirect = query(authorizeUrl).get("redirect_uri");
        provider.expiresIn(5);
        Map<String, Object> complete = call(
                replicaA,
                "/oauth2/complete",
                USER,
                USER_ROLES,
                Map.of("code", provider.issueCode("octocat", redirect), "state", state));
        assertThat(complete).containsEntry("type", "ok");
        provider.expiresIn(3600);
        String stored = mattermost.storedOAuth2User(USER).orElseThrow();
        assertThat(provider.issuedTokens())
                .allSatisfy(token -> assertThat(stored).doesNotContain(token));

        // Six concurrent `me` calls, all carrying the expired token, split across the two replicas.
        String body = mattermost.callBody("/me", expands.get("/me"), mattermost.url(), USER, USER_ROLES, Map.of());
        String authorization = "Bearer " + CallTokens.mattermost(secret, Instant.now(), USER);
        int before = provider.refreshRedemptions();
        provider.tokenDelay(200);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                EmbeddedServer replica = i % 2 == 0 ? replicaA : replicaB;
                answers.add(pool.submit(() -> {
                    go.await();
                    return mattermost.call(url(replica, "/me"), authorization, body);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).body())
                        .contains("octocat")
                        .contains("\"type\":\"ok\"");
            }
        } finally {
            provider.tokenDelay(0);
            pool.shutdownNow();
        }
        assertThat(provider.refreshRedemptions()).isEqualTo(before + 1);

        assertThat(call(replicaB, "/me", USER, USER_ROLES, Map.of()).get("text"))
                .asString()
                .contains("octocat");
        assertThat(provider.refreshRedemptions()).isEqualTo(before + 1);

        assertThat(call(replicaB, "/disconnect", USER, USER_ROLES, Map.of())).containsEntry("type", "ok");
        assertThat(call(replicaA, "/me", USER, USER_ROLES, Map.of()))
                .containsEntry("type", "error")
                .extractingByKey("text")
                .asString()
                .contains("not connected");
    }

    @Test
    void aNonAdminCannotConfigureTheClient() throws Exception {
        int writes = mattermost.oauth2AppWrites();
        Map<String, Object> refused =
                call(replicaB, "/configure", USER, USER_ROLES, Map.of("client_id", "x", "client_secret", "y-secret"));
        assertThat(refused).containsEntry("type", "error");
        assertThat(mattermost.oauth2AppWrites()).isEqualTo(writes);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
