package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.adapters.http.oauth2.FakeOAuth2Provider;
import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The migration window of owner-bound sealing on the Apps ingress: with {@code gatehouse.secrets.accept-unbound}, a
 * client secret and a user token stored in the old unbound format ({@code gh1}) still work, and the first call that
 * brings them stores them again through the plugin, sealed in the current format for their owner.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2MigrationTest extends CallTestSupport implements TestPropertyProvider {

    private static final String ADMIN = "admin1";
    private static final String ADMIN_ROLES = "system_user system_admin";
    private static final Map<String, String> WITH_SESSION =
            Map.of("acting_user", "summary", "acting_user_access_token", "all");
    private static final Map<String, String> WITH_CLIENT =
            Map.of("acting_user", "summary", "acting_user_access_token", "all", "oauth2_app", "all");
    private static final Map<String, String> WITH_EVERYTHING = Map.of(
            "acting_user", "summary", "acting_user_access_token", "all", "oauth2_app", "all", "oauth2_user", "all");

    @Inject
    JsonMapper json;

    @Inject
    SecretCipher cipher;

    private final FakeOAuth2Provider provider = new FakeOAuth2Provider();
    private final FakeMattermost mattermost = new FakeMattermost("migration");
    private final Secret secret = Secret.generate();

    OAuth2MigrationTest() throws IOException {}

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
                "gatehouse.secrets.accept-unbound",
                "true");
    }

    @AfterAll
    void close() {
        mattermost.close();
        provider.close();
    }

    private Map<String, Object> call(
            Installation installation, String path, Map<String, String> expand, Map<String, String> values)
            throws Exception {
        HttpResponse<String> response = mattermost.invoke(
                url(installation, path), secret, clock.instant(), expand, mattermost.url(), ADMIN, ADMIN_ROLES, values);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> stored(String storedJson) throws IOException {
        return json.readValue(storedJson, Argument.mapOf(String.class, Object.class));
    }

    @Test
    void oldUnboundValuesWorkDuringTheWindowAndAreStoredAgainBoundOnFirstUse() throws Exception {
        Installation installation = register(mattermost.url(), secret);
        SecretOwner clientOwner = SecretOwner.clientSecret(installation.id());
        SecretOwner tokenOwner = SecretOwner.userToken(installation.id(), ADMIN);
        assertThat(call(
                        installation,
                        "/configure",
                        WITH_SESSION,
                        Map.of(
                                "client_id",
                                FakeOAuth2Provider.CLIENT_ID,
                                "client_secret",
                                FakeOAuth2Provider.CLIENT_SECRET)))
                .containsEntry("type", "ok");
        String state = FakeMattermost.connectState(ADMIN);
        String authorize = (String) call(installation, "/oauth2/connect", WITH_CLIENT, Map.of("state", state))
                .get("data");
        String code = provider.issueCode("octocat", query(authorize).get("redirect_uri"));
        assertThat(call(installation, "/oauth2/complete", WITH_EVERYTHING, Map.of("code", code, "state", state)))
                .containsEntry("type", "ok");

        // what a Gatehouse before owner binding stored: the same values, sealed gh1
        AesGcmSecretCipher sameKey = (AesGcmSecretCipher) cipher;
        String tokenJson = cipher.open(
                (String)
                        stored(mattermost.storedOAuth2User(ADMIN).orElseThrow()).get("sealed"),
                tokenOwner);
        mattermost.storeOAuth2App("{\"client_id\":\"" + FakeOAuth2Provider.CLIENT_ID + "\",\"client_secret\":\""
                + sameKey.sealUnbound(FakeOAuth2Provider.CLIENT_SECRET) + "\"}");
        mattermost.storeOAuth2User(ADMIN, "{\"v\":1,\"sealed\":\"" + sameKey.sealUnbound(tokenJson) + "\"}");
        int appWrites = mattermost.oauth2AppWrites();

        assertThat(call(installation, "/me", WITH_EVERYTHING, Map.of()))
                .containsEntry("text", "You are **octocat** at the OAuth2 provider.");

        String client =
                (String) stored(mattermost.storedOAuth2App().orElseThrow()).get("client_secret");
        assertThat(client).startsWith(cipher.currentPrefix());
        assertThat(cipher.open(client, clientOwner)).isEqualTo(FakeOAuth2Provider.CLIENT_SECRET);
        String token = (String)
                stored(mattermost.storedOAuth2User(ADMIN).orElseThrow()).get("sealed");
        assertThat(token).startsWith(cipher.currentPrefix());
        assertThat(cipher.open(token, tokenOwner)).isEqualTo(tokenJson);
        assertThat(mattermost.oauth2AppWrites()).isEqualTo(appWrites + 1);

        // current now: the next call stores nothing again
        assertThat(call(installation, "/me", WITH_EVERYTHING, Map.of())).containsEntry("type", "ok");
        assertThat(mattermost.oauth2AppWrites()).isEqualTo(appWrites + 1);
        assertThat(mattermost.storedOAuth2User(ADMIN).map(this::sealedOf)).contains(token);
    }

    private String sealedOf(String storedJson) {
        try {
            return (String) stored(storedJson).get("sealed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
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
