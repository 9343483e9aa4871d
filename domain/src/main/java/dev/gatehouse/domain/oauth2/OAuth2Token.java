package dev.gatehouse.domain.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A user's token at the provider. {@code refreshToken} and {@code expiresAt} may be absent (null). */
public record OAuth2Token(String accessToken, String refreshToken, Instant expiresAt) {

    /** Refresh a little early, so a token does not expire between the check and the provider call. */
    public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    public OAuth2Token {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("access token is required");
        }
        refreshToken = refreshToken == null || refreshToken.isBlank() ? null : refreshToken;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.plus(EXPIRY_MARGIN).isBefore(expiresAt);
    }

    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    @Override
    public String toString() {
        return "OAuth2Token[accessToken=redacted, refreshToken=" + (refreshToken == null ? "none" : "redacted")
                + ", expiresAt=" + expiresAt + "]";
    }
}
