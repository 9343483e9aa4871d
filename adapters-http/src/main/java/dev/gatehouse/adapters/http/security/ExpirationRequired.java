package dev.gatehouse.adapters.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses admin tokens without {@code exp} (micronaut-security checks {@code exp} only when present, and a token
 * that never expires is a standing credential) and tokens whose {@code nbf} is still ahead (beyond 60 s of skew).
 */
@Singleton
public final class ExpirationRequired implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final Duration SKEW = Duration.ofSeconds(60);

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        return claims.get(Claims.EXPIRATION_TIME) != null && notBeforeReached(claims.get(Claims.NOT_BEFORE));
    }

    private static boolean notBeforeReached(Object nbf) {
        Instant notBefore;
        if (nbf == null) {
            return true;
        } else if (nbf instanceof java.util.Date date) {
            notBefore = date.toInstant();
        } else if (nbf instanceof Number seconds) {
            notBefore = Instant.ofEpochSecond(seconds.longValue());
        } else {
            return false;
        }
        return !notBefore.isAfter(Instant.now().plus(SKEW));
    }
}
