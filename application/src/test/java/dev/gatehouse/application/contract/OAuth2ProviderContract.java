package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.port.OAuth2Provider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link OAuth2Provider} must do: the RFC 6749 authorization code flow as the OAuth2 use
 * cases drive it. Run by the in-memory fake, and by the HTTP client against our fake provider and against an
 * independent one (mock-oauth2-server), so our reading of the RFC is checked by someone else's.
 *
 * <p>Where a provider is laxer than the RFC requires, its subclass says so by turning a capability off, and the test
 * for it is skipped with that reason; where the RFC leaves a choice (rotating refresh tokens), both choices are
 * asserted.
 */
public abstract class OAuth2ProviderContract {

    protected static final String REDIRECT_URI =
            "https://chat.example.com/plugins/com.mattermost.apps/apps/hello-jwt/oauth2/remote/complete";

    protected abstract OAuth2Provider provider();

    /** The client registered at the provider. */
    protected abstract OAuth2ClientCredentials client();

    /** The provider's authorization endpoint, where {@link OAuth2Provider#authorizeUrl} sends the browser. */
    protected abstract String authorizeEndpoint();

    /** The code the provider hands the user's browser for {@code redirectUri} once {@code username} has signed in. */
    protected abstract String authorizationCode(String username, String redirectUri);

    /** From now on the provider cannot be reached. */
    protected abstract void providerIsUnreachable();

    /** RFC 6749 §3.2.1: the token endpoint authenticates the client, so a wrong secret is {@code invalid_client}. */
    protected boolean authenticatesClients() {
        return true;
    }

    /** RFC 6749 §4.1.2, §5.2: a code is single use, and one the provider never issued is {@code invalid_grant}. */
    protected boolean refusesUnknownAndSpentCodes() {
        return true;
    }

    /** RFC 6749 §4.1.3: a code is redeemed only with the redirect_uri it was issued for. */
    protected boolean bindsCodesToTheirRedirectUri() {
        return true;
    }

    /** RFC 6749 §5.2: a refresh token the provider never issued is {@code invalid_grant}. */
    protected boolean refusesUnknownRefreshTokens() {
        return true;
    }

    /**
     * RFC 6749 §6 lets the provider choose: rotate (a new refresh token each time, the old one spent) or keep the refresh
     * token valid and return it again.
     */
    protected boolean rotatesRefreshTokens() {
        return true;
    }

    @Test
    void theAuthorizeUrlCarriesClientRedirectAndStateVerbatimAndAsksForACode() {
        String state = "AbCdEfGhIjKlMnOpQr_-.user1";
        String url = provider().authorizeUrl(client().clientId(), REDIRECT_URI, state);

        assertThat(provider().isConfigured()).isTrue();
        assertThat(url).startsWith(authorizeEndpoint() + "?");
        assertThat(URI.create(url).getRawQuery()).contains("state=" + state);
        assertThat(queryOf(URI.create(url)))
                .containsEntry("response_type", "code")
                .containsEntry("client_id", client().clientId())
                .containsEntry("redirect_uri", REDIRECT_URI)
                .containsEntry("state", state);
    }

    @Test
    void aCodeIsExchangedForTokensOfTheUserWhoSignedIn() {
        Instant before = Instant.now();
        OAuth2Token token = provider().exchangeCode(client(), authorizationCode("octocat", REDIRECT_URI), REDIRECT_URI);

        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.refresh()).isPresent();
        assertThat(token.expiresAt()).isAfter(before);
        assertThat(provider().userProfile(token.accessToken()).username()).isEqualTo("octocat");
    }

    @Test
    void aCodeIsSingleUse() {
        assumeTrue(refusesUnknownAndSpentCodes(), "this provider redeems a code more than once");
        String code = authorizationCode("octocat", REDIRECT_URI);
        provider().exchangeCode(client(), code, REDIRECT_URI);
        assertRefused("invalid_grant", () -> provider().exchangeCode(client(), code, REDIRECT_URI), code);
    }

    @Test
    void aCodeTheProviderNeverIssuedIsRefused() {
        assumeTrue(refusesUnknownAndSpentCodes(), "this provider redeems codes it never issued");
        String forged = "forged-" + UUID.randomUUID();
        assertRefused("invalid_grant", () -> provider().exchangeCode(client(), forged, REDIRECT_URI), forged);
    }

    @Test
    void aCodeForAnotherRedirectUriIsRefused() {
        assumeTrue(bindsCodesToTheirRedirectUri(), "this provider does not bind codes to their redirect_uri");
        String code = authorizationCode("octocat", REDIRECT_URI);
        assertRefused(
                "invalid_grant",
                () -> provider().exchangeCode(client(), code, "https://evil.example.com/callback"),
                code);
    }

    @Test
    void aClientWithTheWrongSecretIsRefused() {
        assumeTrue(authenticatesClients(), "this provider does not authenticate clients");
        OAuth2ClientCredentials impostor =
                new OAuth2ClientCredentials(client().clientId(), "wrong-secret-" + UUID.randomUUID());
        String code = authorizationCode("octocat", REDIRECT_URI);
        assertRefused(
                "invalid_client",
                () -> provider().exchangeCode(impostor, code, REDIRECT_URI),
                code,
                impostor.clientSecret());

        OAuth2Token token = provider().exchangeCode(client(), code, REDIRECT_URI);
        assertRefused(
                "invalid_client",
                () -> provider().refresh(impostor, token.refreshToken()),
                token.refreshToken(),
                impostor.clientSecret());
    }

    @Test
    void aRefreshGivesANewAccessTokenForTheSameUser() {
        OAuth2Token token = connected("octocat");
        OAuth2Token refreshed = provider().refresh(client(), token.refreshToken());

        assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());
        assertThat(refreshed.refresh()).isPresent();
        assertThat(provider().userProfile(refreshed.accessToken()).username()).isEqualTo("octocat");
    }

    @Test
    void aRotatedRefreshTokenIsSpentOnceUsedAndAKeptOneStaysValid() {
        OAuth2Token token = connected("octocat");
        OAuth2Token refreshed = provider().refresh(client(), token.refreshToken());
        if (rotatesRefreshTokens()) {
            assertThat(refreshed.refreshToken()).isNotEqualTo(token.refreshToken());
            assertRefused(
                    "invalid_grant", () -> provider().refresh(client(), token.refreshToken()), token.refreshToken());
            assertThat(provider().refresh(client(), refreshed.refreshToken()).accessToken())
                    .isNotBlank();
        } else {
            assertThat(refreshed.refreshToken()).isEqualTo(token.refreshToken());
            assertThat(provider().refresh(client(), token.refreshToken()).accessToken())
                    .isNotBlank();
        }
    }

    @Test
    void aRefreshTokenTheProviderNeverIssuedIsRefused() {
        assumeTrue(refusesUnknownRefreshTokens(), "this provider accepts refresh tokens it never issued");
        String forged = "forged-" + UUID.randomUUID();
        assertRefused("invalid_grant", () -> provider().refresh(client(), forged), forged);
    }

    @Test
    void theProfileNeedsAValidAccessToken() {
        String bad = "not-an-access-token-" + UUID.randomUUID();
        assertRefused("invalid_token", () -> provider().userProfile(bad), bad);
    }

    @Test
    void anUnreachableProviderIsUnavailableAndNamesNoToken() {
        String code = authorizationCode("octocat", REDIRECT_URI);
        OAuth2Token token = connected("octocat");
        providerIsUnreachable();

        List<ThrowingCallable> calls = List.of(
                () -> provider().exchangeCode(client(), code, REDIRECT_URI),
                () -> provider().refresh(client(), token.refreshToken()),
                () -> provider().userProfile(token.accessToken()));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOfSatisfying(OAuth2ProviderException.class, e -> {
                assertThat(e.unavailable()).isTrue();
                assertNamesNone(e, code, token.accessToken(), token.refreshToken());
            });
        }
    }

    private OAuth2Token connected(String username) {
        return provider().exchangeCode(client(), authorizationCode(username, REDIRECT_URI), REDIRECT_URI);
    }

    /** The call is refused with the RFC {@code error}, and no message in the exception names a secret. */
    private void assertRefused(String error, ThrowingCallable call, String... secrets) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuth2ProviderException.class, e -> {
            assertThat(e.unavailable()).isFalse();
            assertThat(e.error()).contains(error);
            assertNamesNone(e, secrets);
        });
    }

    private void assertNamesNone(Throwable e, String... secrets) {
        List<String> all = new ArrayList<>(List.of(secrets));
        all.add(client().clientSecret());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(all.toArray(String[]::new));
        }
    }

    /** The query parameters of {@code uri}, decoded (first value of each). */
    protected static Map<String, String> queryOf(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
