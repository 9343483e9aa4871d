package dev.gatehouse.adapters.http.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.OAuth2ProviderContract;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.port.OAuth2Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterEach;

/**
 * The port contract for the HTTP client against navikt's mock-oauth2-server, an OAuth2/OIDC server we did not write,
 * so our reading of RFC 6749 is checked by someone else's. Its users sign in on its login form (interactive login),
 * driven here as a browser would. It is laxer than the RFC in the ways its capabilities below say.
 */
class MockOAuth2ServerContractTest extends OAuth2ProviderContract {

    private static final String ISSUER = "gatehouse";

    /** Interactive login; refresh tokens not rotated (2.1.10's rotation forgets who signed in). */
    private final MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, null, null, false));

    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final HttpOAuth2Provider provider;
    private boolean running;

    MockOAuth2ServerContractTest() {
        server.start();
        running = true;
        OAuth2ProviderConfiguration config = new OAuth2ProviderConfiguration();
        config.setAuthorizeUrl(server.authorizationEndpointUrl(ISSUER).toString());
        config.setTokenUrl(server.tokenEndpointUrl(ISSUER).toString());
        config.setUserinfoUrl(server.userInfoUrl(ISSUER).toString());
        config.setScopes(List.of("openid"));
        provider = new HttpOAuth2Provider(
                config, JsonMapper.createDefault(), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        provider.close();
        providerIsUnreachable();
    }

    @Override
    protected OAuth2Provider provider() {
        return provider;
    }

    @Override
    protected OAuth2ClientCredentials client() {
        return new OAuth2ClientCredentials("gatehouse-client", "gatehouse-client-secret");
    }

    @Override
    protected String authorizeEndpoint() {
        return server.authorizationEndpointUrl(ISSUER).toString();
    }

    /** Opens the authorize URL, signs in on the login form and reads the code from the redirect back. */
    @Override
    protected String authorizationCode(String username, String redirectUri) {
        String state = "state-" + UUID.randomUUID();
        URI authorize = URI.create(provider.authorizeUrl(client().clientId(), redirectUri, state));
        HttpResponse<String> loginPage =
                send(HttpRequest.newBuilder(authorize).GET().build());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("<form method=\"post\"").contains("name=\"username\"");

        String form =
                "username=" + encode(username) + "&claims=" + encode("{\"preferred_username\":\"" + username + "\"}");
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        URI back = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(redirectUri + "?");
        Map<String, String> query = queryOf(back);
        assertThat(query).containsEntry("state", state).containsKey("code");
        return query.get("code");
    }

    @Override
    protected void providerIsUnreachable() {
        if (running) {
            running = false;
            server.shutdown();
        }
    }

    /** Redeems a spent or made-up code with tokens for a made-up subject. */
    @Override
    protected boolean refusesUnknownAndSpentCodes() {
        return false;
    }

    /** Issues tokens to any client_id with any secret. */
    @Override
    protected boolean authenticatesClients() {
        return false;
    }

    /** Redeems a code with whatever redirect_uri the token request names. */
    @Override
    protected boolean bindsCodesToTheirRedirectUri() {
        return false;
    }

    /** Answers an unknown refresh token with tokens for a made-up subject. */
    @Override
    protected boolean refusesUnknownRefreshTokens() {
        return false;
    }

    @Override
    protected boolean rotatesRefreshTokens() {
        return false;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
