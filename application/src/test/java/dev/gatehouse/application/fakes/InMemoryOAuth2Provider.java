package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.UserProfile;
import dev.gatehouse.domain.port.OAuth2Provider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory RFC 6749 provider: single-use codes bound to their redirect URI, rotating single-use refresh tokens
 * (a second redemption is {@code invalid_grant}), a client that must match, access tokens that expire on the clock.
 */
public final class InMemoryOAuth2Provider implements OAuth2Provider {

    public static final String AUTHORIZE_URL = "https://provider.example.com/authorize";

    private record Grant(String username, String redirectUri) {}

    private final OAuth2ClientCredentials client;
    private final Clock clock;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshRedemptions = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile boolean down;

    public InMemoryOAuth2Provider(OAuth2ClientCredentials client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    private volatile boolean configured = true;

    /** An operator who set no provider. */
    public void unconfigure() {
        this.configured = false;
    }

    @Override
    public boolean isConfigured() {
        return configured;
    }

    public String issueCode(String username, String redirectUri) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(username, redirectUri));
        return code;
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void revokeRefreshTokens() {
        spent.addAll(refreshTokens.keySet());
    }

    /** The provider drops every access token before its expiry (e.g. the user changed their password). */
    public void dropAccessTokens() {
        accessTokens.clear();
    }

    public int refreshRedemptions() {
        return refreshRedemptions.get();
    }

    @Override
    public String authorizeUrl(String clientId, String redirectUri, String state) {
        return AUTHORIZE_URL + "?response_type=code&client_id=" + encode(clientId) + "&redirect_uri="
                + encode(redirectUri) + "&state=" + encode(state);
    }

    @Override
    public OAuth2Token exchangeCode(OAuth2ClientCredentials credentials, String code, String redirectUri) {
        authenticate(credentials);
        Grant grant = codes.remove(code);
        if (grant == null || !grant.redirectUri().equals(redirectUri)) {
            throw OAuth2ProviderException.refused("invalid_grant", "code unknown, used or for another redirect_uri");
        }
        return issue(grant.username());
    }

    @Override
    public OAuth2Token refresh(OAuth2ClientCredentials credentials, String refreshToken) {
        authenticate(credentials);
        refreshRedemptions.incrementAndGet();
        if (!spent.add(refreshToken) || !refreshTokens.containsKey(refreshToken)) {
            throw OAuth2ProviderException.refused("invalid_grant", "refresh token already used or unknown");
        }
        return issue(refreshTokens.remove(refreshToken));
    }

    @Override
    public UserProfile userProfile(String accessToken) {
        if (down) {
            throw OAuth2ProviderException.unavailable("userinfo endpoint", null);
        }
        String username = accessTokens.get(accessToken);
        if (username == null) {
            throw OAuth2ProviderException.refused("invalid_token", null);
        }
        return new UserProfile(username);
    }

    private void authenticate(OAuth2ClientCredentials credentials) {
        if (down) {
            throw OAuth2ProviderException.unavailable("token endpoint", null);
        }
        if (!client.clientId().equals(credentials.clientId())
                || !client.clientSecret().equals(credentials.clientSecret())) {
            throw OAuth2ProviderException.refused("invalid_client", null);
        }
    }

    private OAuth2Token issue(String username) {
        String access = "at-" + UUID.randomUUID();
        String refresh = "rt-" + UUID.randomUUID();
        accessTokens.put(access, username);
        refreshTokens.put(refresh, username);
        return new OAuth2Token(access, refresh, clock.instant().plus(lifetime));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
