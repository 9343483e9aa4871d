package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.adapters.http.oauth2.FakeOAuth2Provider;
import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The remote OAuth2 flow of PROTOCOL.md §6.1 over real HTTP: a fake Mattermost with the Apps plugin's OAuth2 storage
 * and expansion, Gatehouse, and an RFC 6749 provider. The expands each call carries are the ones Gatehouse declares
 * (bindings and manifest), so a missing expand shows up here as it would in Mattermost.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2FlowTest extends CallTestSupport implements TestPropertyProvider {

    private static final String ADMIN_ROLES = "system_user system_admin";
    private static final String USER_ROLES = "system_user";

    @Inject
    JsonMapper json;

    @Inject
    SecretCipher cipher;

    private final FakeOAuth2Provider provider = new FakeOAuth2Provider();
    private final CapturedLogs logs = new CapturedLogs();
    private final List<FakeMattermost> servers = new ArrayList<>();
    private final Set<String> sensitive = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sites = new AtomicInteger();

    OAuth2FlowTest() throws IOException {}

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "gatehouse.public-url",
                PUBLIC_URL,
                "gatehouse.oauth2.authorize-url",
                provider.authorizeUrl(),
                "gatehouse.oauth2.token-url",
                provider.tokenUrl(),
                "gatehouse.oauth2.userinfo-url",
                provider.userinfoUrl(),
                "gatehouse.oauth2.scopes",
                "read:user",
                "gatehouse.oauth2.timeout",
                "2s");
    }

    @AfterEach
    void heal() {
        provider.down(false);
        provider.tokenDelay(0);
    }

    @AfterAll
    void nothingSecretReachedTheLogs() {
        logs.close();
        servers.forEach(server -> sensitive.addAll(server.sessionTokens()));
        servers.forEach(FakeMattermost::close);
        sensitive.addAll(provider.issuedTokens());
        sensitive.add(FakeOAuth2Provider.CLIENT_SECRET);
        assertThat(sensitive).hasSizeGreaterThan(10);
        assertNoLeak(logs.texts(), sensitive.toArray(String[]::new));
        provider.close();
    }

    /** One Mattermost server with the app installed. */
    private final class Site {
        final FakeMattermost mattermost;
        final Secret secret = Secret.generate();
        final Installation installation;
        private Map<String, Map<String, String>> expands;

        Site() throws IOException {
            mattermost = new FakeMattermost("oauth" + sites.incrementAndGet());
            servers.add(mattermost);
            sensitive.add(secret.value());
            installation = register(mattermost.url(), secret);
        }

        Map<String, Object> call(String path, String user, String roles, Map<String, String> values) throws Exception {
            return parse(mattermost.invoke(
                    url(installation, path),
                    secret,
                    clock.instant(),
                    expand(path),
                    mattermost.url(),
                    user,
                    roles,
                    values));
        }

        /** A call body built now (with what is stored now), to be sent later. */
        String body(String path, String user, String roles) throws Exception {
            return mattermost.callBody(path, expand(path), mattermost.url(), user, roles, Map.of());
        }

        /** The expand Gatehouse declares for {@code path}: in its bindings (as an admin sees them) or its manifest. */
        Map<String, String> expand(String path) throws Exception {
            if (expands == null) {
                Map<String, Map<String, String>> found = new HashMap<>();
                Map<String, Object> manifest = json.readValue(
                        new String(
                                mattermost
                                        .get(url(installation, "/manifest.json"))
                                        .body(),
                                StandardCharsets.UTF_8),
                        Argument.mapOf(String.class, Object.class));
                for (String key : List.of("bindings", "get_oauth2_connect_url", "on_oauth2_complete")) {
                    Map<String, Object> call = map(manifest.get(key));
                    found.put((String) call.get("path"), strings(call.get("expand")));
                }
                Map<String, Object> bindings = parse(mattermost.invoke(
                        url(installation, "/bindings"),
                        secret,
                        clock.instant(),
                        found.get("/bindings"),
                        mattermost.url(),
                        "admin1",
                        ADMIN_ROLES,
                        Map.of()));
                collect(bindings.get("data"), found);
                expands = found;
            }
            assertThat(expands).as("Gatehouse declares a call for " + path).containsKey(path);
            return expands.get(path);
        }
    }

    private void collect(Object node, Map<String, Map<String, String>> found) {
        if (node instanceof List<?> list) {
            list.forEach(child -> collect(child, found));
        } else if (node instanceof Map<?, ?> binding) {
            Object submit = binding.get("submit") != null
                    ? binding.get("submit")
                    : binding.get("form") != null ? map(binding.get("form")).get("submit") : null;
            if (submit != null) {
                found.put((String) map(submit).get("path"), strings(map(submit).get("expand")));
            }
            collect(binding.get("bindings"), found);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object o) {
        return o == null ? Map.of() : (Map<String, String>) o;
    }

    private Map<String, Object> parse(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
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

    private static void assertOk(Map<String, Object> answer) {
        assertThat(answer).as(String.valueOf(answer)).containsEntry("type", "ok");
    }

    private static String assertError(Map<String, Object> answer) {
        assertThat(answer).as(String.valueOf(answer)).containsEntry("type", "error");
        return (String) answer.get("text");
    }

    private Map<String, Object> configure(Site site) throws Exception {
        return site.call(
                "/configure",
                "admin1",
                ADMIN_ROLES,
                Map.of("client_id", FakeOAuth2Provider.CLIENT_ID, "client_secret", FakeOAuth2Provider.CLIENT_SECRET));
    }

    /** What the plugin does when the user opens the connect URL: asks Gatehouse where to send the browser. */
    private String authorizeUrl(Site site, String user, String state) throws Exception {
        Map<String, Object> answer = site.call("/oauth2/connect", user, USER_ROLES, Map.of("state", state));
        assertOk(answer);
        assertThat(answer.get("data")).isInstanceOf(String.class);
        return (String) answer.get("data");
    }

    /** The whole browser round trip: authorize URL, the user signs in at the provider, the plugin relays the code. */
    private Map<String, Object> connect(Site site, String user, String username) throws Exception {
        String state = FakeMattermost.connectState(user);
        Map<String, String> authorize = query(authorizeUrl(site, user, state));
        String code = provider.issueCode(username, authorize.get("redirect_uri"));
        sensitive.add(code);
        return site.call("/oauth2/complete", user, USER_ROLES, Map.of("code", code, "state", state));
    }

    private List<AuditEvent> audit(Site site, String action) {
        return auditLog.all().stream()
                .filter(e -> site.installation.id().equals(e.installationId())
                        && e.action().equals(action))
                .toList();
    }

    @Test
    void aUserConnectsRenewsAnExpiredTokenOnceAndDisconnects() throws Exception {
        Site site = new Site();
        assertThat(assertError(site.call("/connect", "u1", USER_ROLES, Map.of())))
                .contains("not configured");

        // the admin configures the client: stored through the plugin with the admin's session, the secret sealed
        Map<String, Object> configured = configure(site);
        assertOk(configured);
        assertThat((String) configured.get("text")).contains(FakeOAuth2Provider.CLIENT_ID);
        Map<String, Object> app = json.readValue(
                site.mattermost.storedOAuth2App().orElseThrow(), Argument.mapOf(String.class, Object.class));
        assertThat(app).containsEntry("client_id", FakeOAuth2Provider.CLIENT_ID);
        assertThat((String) app.get("client_secret")).startsWith("gh3." + cipher.currentKeyId() + ".");
        assertThat(site.mattermost.storedOAuth2App().orElseThrow()).doesNotContain(FakeOAuth2Provider.CLIENT_SECRET);

        // connect shows the plugin's connect URL as a link
        assertThat((String) site.call("/connect", "u1", USER_ROLES, Map.of()).get("text"))
                .contains("](" + site.mattermost.connectUrl(site.mattermost.url()) + ")");

        // the authorize URL carries the client, the plugin's state verbatim and redirect_uri = the complete URL
        String state = FakeMattermost.connectState("u1");
        String authorizeUrl = authorizeUrl(site, "u1", state);
        assertThat(authorizeUrl).startsWith(provider.authorizeUrl() + "?response_type=code&");
        assertThat(query(authorizeUrl))
                .containsEntry("client_id", FakeOAuth2Provider.CLIENT_ID)
                .containsEntry("redirect_uri", site.mattermost.completeUrl(site.mattermost.url()))
                .containsEntry("state", state)
                .containsEntry("scope", "read:user");

        // the provider redirects with a code; Gatehouse exchanges it and stores the token, sealed, for u1 only
        String code = provider.issueCode("octocat", query(authorizeUrl).get("redirect_uri"));
        sensitive.add(code);
        assertOk(site.call("/oauth2/complete", "u1", USER_ROLES, Map.of("code", code, "state", state)));
        String storedUser = site.mattermost.storedOAuth2User("u1").orElseThrow();
        Map<String, Object> sealedToken = json.readValue(storedUser, Argument.mapOf(String.class, Object.class));
        assertThat(sealedToken).containsOnlyKeys("v", "sealed").containsEntry("v", 1);
        assertThat((String) sealedToken.get("sealed")).startsWith("gh3." + cipher.currentKeyId() + ".");
        assertThat(provider.issuedTokens())
                .isNotEmpty()
                .allSatisfy(token -> assertThat(storedUser).doesNotContain(token));
        assertThat(site.mattermost.storedOAuth2User("u2")).isEmpty();

        // me with the fresh token: no refresh
        int refreshes = provider.refreshRedemptions();
        assertThat(site.call("/me", "u1", USER_ROLES, Map.of()))
                .containsEntry("text", "You are **octocat** at the OAuth2 provider.");
        assertThat(provider.refreshRedemptions()).isEqualTo(refreshes);

        // an hour later the token has expired: me renews it once, stores the new one, and answers
        clock.advance(Duration.ofSeconds(3600));
        assertThat(site.call("/me", "u1", USER_ROLES, Map.of()))
                .containsEntry("text", "You are **octocat** at the OAuth2 provider.");
        assertThat(provider.refreshRedemptions()).isEqualTo(refreshes + 1);
        String renewed = site.mattermost.storedOAuth2User("u1").orElseThrow();
        assertThat(renewed).isNotEqualTo(storedUser);
        provider.issuedTokens().forEach(token -> assertThat(renewed).doesNotContain(token));

        // the next call brings the renewed token: no further refresh
        assertOk(site.call("/me", "u1", USER_ROLES, Map.of()));
        assertThat(provider.refreshRedemptions()).isEqualTo(refreshes + 1);

        // disconnect clears the stored token; me then says so
        assertOk(site.call("/disconnect", "u1", USER_ROLES, Map.of()));
        assertThat(site.mattermost.storedOAuth2User("u1")).isEmpty();
        assertThat(assertError(site.call("/me", "u1", USER_ROLES, Map.of())))
                .contains("not connected")
                .contains("/hello-jwt connect");

        for (String action : List.of("oauth2.configure", "oauth2.complete", "oauth2.disconnect")) {
            assertThat(audit(site, action)).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                assertThat(e.detail()).doesNotContain(FakeOAuth2Provider.CLIENT_SECRET);
            });
        }
    }

    @Test
    void concurrentCallsOnAnExpiredTokenRenewItExactlyOnce() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        assertOk(connect(site, "u2", "hubot"));
        clock.advance(Duration.ofSeconds(3600));
        // every call carries the same expired token, as five clicks before any renewal would
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(site.body("/me", "u2", USER_ROLES));
        }
        String token = CallTokens.mattermost(site.secret, clock.instant(), "u2");
        int refreshes = provider.refreshRedemptions();
        provider.tokenDelay(150); // keep the first renewal in flight while the others arrive
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String body : bodies) {
                Callable<HttpResponse<String>> send = () -> {
                    go.await();
                    return site.mattermost.call(url(site.installation, "/me"), bearer(token), body);
                };
                answers.add(pool.submit(send));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(parse(answer.get(20, TimeUnit.SECONDS)))
                        .containsEntry("text", "You are **hubot** at the OAuth2 provider.");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(provider.refreshRedemptions()).isEqualTo(refreshes + 1);
    }

    @Test
    void theProviderBeingDownIsSaidAndNothingIsStored() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        String state = FakeMattermost.connectState("u3");
        String redirect = query(authorizeUrl(site, "u3", state)).get("redirect_uri");
        provider.down(true);
        String code = provider.issueCode("octocat", redirect);
        assertThat(assertError(site.call("/oauth2/complete", "u3", USER_ROLES, Map.of("code", code, "state", state))))
                .contains("could not be reached");
        assertThat(site.mattermost.storedOAuth2User("u3")).isEmpty();
        assertThat(audit(site, "oauth2.complete"))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED));

        // connected, then the provider goes down when the token needs renewing
        provider.down(false);
        assertOk(connect(site, "u3", "octocat"));
        String stored = site.mattermost.storedOAuth2User("u3").orElseThrow();
        clock.advance(Duration.ofSeconds(3600));
        provider.down(true);
        assertThat(assertError(site.call("/me", "u3", USER_ROLES, Map.of())))
                .contains("could not be reached")
                .contains("Try again later");
        assertThat(site.mattermost.storedOAuth2User("u3")).contains(stored);
        assertThat(audit(site, "oauth2.refresh"))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED));

        // back up: the same stored token is renewed
        provider.down(false);
        assertThat(site.call("/me", "u3", USER_ROLES, Map.of()))
                .containsEntry("text", "You are **octocat** at the OAuth2 provider.");
    }

    @Test
    void aRevokedRefreshTokenAsksTheUserToReconnect() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        assertOk(connect(site, "u4", "octocat"));
        clock.advance(Duration.ofSeconds(3600));
        provider.revokeRefreshTokens();
        assertThat(assertError(site.call("/me", "u4", USER_ROLES, Map.of())))
                .contains("invalid_grant")
                .contains("/hello-jwt connect");
        assertThat(audit(site, "oauth2.refresh")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(e.detail()).contains("invalid_grant");
        });
        // reconnecting heals
        assertOk(connect(site, "u4", "octocat"));
        assertOk(site.call("/me", "u4", USER_ROLES, Map.of()));
    }

    @Test
    void anInvalidCodeNamesTheProvidersErrorAndStoresNothing() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        String state = FakeMattermost.connectState("u5");
        authorizeUrl(site, "u5", state);
        String text = assertError(
                site.call("/oauth2/complete", "u5", USER_ROLES, Map.of("code", "not-a-code", "state", state)));
        assertThat(text).contains("invalid_grant");
        assertThat(site.mattermost.storedOAuth2User("u5")).isEmpty();
        // a code issued for another redirect URI is refused the same way
        String foreign = provider.issueCode("octocat", "https://evil.example.com/callback");
        assertThat(assertError(
                        site.call("/oauth2/complete", "u5", USER_ROLES, Map.of("code", foreign, "state", state))))
                .contains("invalid_grant");
        assertThat(site.mattermost.storedOAuth2User("u5")).isEmpty();
        assertThat(audit(site, "oauth2.complete"))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED));
    }

    @Test
    void onlyASystemAdminConfiguresAndMissingFieldsAreNamed() throws Exception {
        Site site = new Site();
        Map<String, Object> refused = site.call(
                "/configure",
                "u6",
                USER_ROLES,
                Map.of("client_id", FakeOAuth2Provider.CLIENT_ID, "client_secret", FakeOAuth2Provider.CLIENT_SECRET));
        assertThat(assertError(refused)).contains("system admin");
        assertThat(site.mattermost.storedOAuth2App()).isEmpty();
        assertThat(site.mattermost.oauth2AppWrites()).isZero();
        assertThat(audit(site, "oauth2.configure"))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED));

        Map<String, Object> missing = site.call("/configure", "admin1", ADMIN_ROLES, Map.of("client_id", " "));
        assertThat(assertError(missing)).contains("client_id").contains("client_secret");
        assertThat(map(map(missing.get("data")).get("errors"))).containsOnlyKeys("client_id", "client_secret");
        assertThat(site.mattermost.oauth2AppWrites()).isZero();

        // the plugin itself refuses a session without manage_system and the bot's session
        String body = "{\"client_id\":\"x\",\"client_secret\":\"y\"}";
        for (String token : List.of(site.mattermost.userToken("u6", false), site.mattermost.botToken)) {
            var direct = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(URI.create(
                                            site.mattermost.url() + FakeMattermost.PLUGIN_API + "/oauth2/app"))
                                    .header("Authorization", "Bearer " + token)
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(403);
        }
        assertThat(site.mattermost.oauth2AppWrites()).isZero();
    }

    /**
     * Issue 11, must fix 1: installation A's sealed client secret and user token (a copy of A's Mattermost database),
     * put into B's storage so that B's Mattermost sends them in {@code context.oauth2} of {@code POST /i/B/me} with B's
     * valid call token. Before owner binding, B called the provider with A's user's token (and a refresh would have
     * burnt A's refresh token).
     */
    @Test
    void sealedValuesOfOneInstallationDoNotOpenOnAnother() throws Exception {
        Site a = new Site();
        Site b = new Site();
        assertOk(configure(a));
        assertOk(connect(a, "u1", "octocat"));
        String aClient = a.mattermost.storedOAuth2App().orElseThrow();
        String aToken = a.mattermost.storedOAuth2User("u1").orElseThrow();

        b.mattermost.storeOAuth2App(aClient);
        b.mattermost.storeOAuth2User("u1", aToken);
        int userinfo = provider.userinfoRequests();
        int refreshes = provider.refreshRedemptions();
        String refused = assertError(b.call("/me", "u1", USER_ROLES, Map.of()));
        assertThat(refused).contains("cannot be read").contains("/hello-jwt connect");
        assertThat(provider.userinfoRequests()).isEqualTo(userinfo);

        // expired: renewing would redeem A's refresh token at the provider; it is not even tried
        clock.advance(Duration.ofSeconds(3600));
        assertThat(assertError(b.call("/me", "u1", USER_ROLES, Map.of()))).contains("cannot be read");
        assertThat(provider.refreshRedemptions()).isEqualTo(refreshes);
        assertThat(provider.userinfoRequests()).isEqualTo(userinfo);

        // A's client secret does not open on B either: connecting there says so
        assertThat(assertError(b.call("/connect", "u1", USER_ROLES, Map.of())))
                .contains("cannot be read")
                .contains("/hello-jwt configure");
        // and A still works: its own values open for it
        assertThat(a.call("/me", "u1", USER_ROLES, Map.of()))
                .containsEntry("text", "You are **octocat** at the OAuth2 provider.");
    }

    @Test
    void aUsersSealedTokenDoesNotOpenForAnotherUserOfTheSameInstallation() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        assertOk(connect(site, "u1", "octocat"));
        site.mattermost.storeOAuth2User(
                "u2", site.mattermost.storedOAuth2User("u1").orElseThrow());
        int userinfo = provider.userinfoRequests();
        assertThat(assertError(site.call("/me", "u2", USER_ROLES, Map.of()))).contains("cannot be read");
        assertThat(provider.userinfoRequests()).isEqualTo(userinfo);
    }

    /** Values stored before owner binding (gh1) are refused by default; see OAuth2MigrationTest for the window. */
    @Test
    void valuesInTheOldUnboundFormatAreRefusedByDefault() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        AesGcmSecretCipher sameKey = (AesGcmSecretCipher) cipher;
        site.mattermost.storeOAuth2App("{\"client_id\":\"" + FakeOAuth2Provider.CLIENT_ID + "\",\"client_secret\":\""
                + sameKey.sealUnbound(FakeOAuth2Provider.CLIENT_SECRET) + "\"}");
        assertThat(assertError(site.call("/connect", "u1", USER_ROLES, Map.of())))
                .contains("cannot be read")
                .contains("gh1");
    }

    @Test
    void valuesGatehouseCannotOpenAreAClearErrorNotAServerError() throws Exception {
        Site site = new Site();
        assertOk(configure(site));
        // another Gatehouse: its own master key
        AesGcmSecretCipher otherKey = new AesGcmSecretCipher(Base64.getEncoder().encodeToString(new byte[32]), null);
        String foreignToken = "{\"v\":1,\"sealed\":\""
                + otherKey.seal(
                        "{\"access_token\":\"at-x\",\"refresh_token\":\"rt-x\"}",
                        SecretOwner.userToken(site.installation.id(), "u7"))
                + "\"}";
        site.mattermost.storeOAuth2User("u7", foreignToken);
        assertThat(assertError(site.call("/me", "u7", USER_ROLES, Map.of())))
                .contains("cannot be read")
                .contains("unknown master key")
                .contains("/hello-jwt connect");

        site.mattermost.storeOAuth2User("u7", "{\"token\":{\"access_token\":\"plain-text-token\"}}");
        assertThat(assertError(site.call("/me", "u7", USER_ROLES, Map.of()))).contains("not stored by Gatehouse");

        site.mattermost.storeOAuth2App("{\"client_id\":\"c\",\"client_secret\":\""
                + otherKey.seal("s", SecretOwner.clientSecret(site.installation.id())) + "\"}");
        assertThat(assertError(site.call("/connect", "u7", USER_ROLES, Map.of())))
                .contains("cannot be read")
                .contains("/hello-jwt configure");
        assertThat(assertError(site.call(
                        "/oauth2/connect", "u7", USER_ROLES, Map.of("state", FakeMattermost.connectState("u7")))))
                .contains("configure");
    }

    @Test
    void theConnectUrlCallNeedsTheStateAndAConfiguredClient() throws Exception {
        Site site = new Site();
        assertThat(assertError(site.call(
                        "/oauth2/connect", "u8", USER_ROLES, Map.of("state", FakeMattermost.connectState("u8")))))
                .contains("not configured");
        assertOk(configure(site));
        assertThat(assertError(site.call("/oauth2/connect", "u8", USER_ROLES, Map.of())))
                .contains("state");
    }
}
