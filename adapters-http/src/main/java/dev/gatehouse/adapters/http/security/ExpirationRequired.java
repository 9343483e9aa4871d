package dev.gatehouse.adapters.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses admin tokens without {@code exp}: micronaut-security checks {@code exp} only when present, and a token
 * that never expires is a standing credential.
 */
@Singleton
public final class ExpirationRequired implements GenericJwtClaimsValidator<HttpRequest<?>> {

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        return claims.get(Claims.EXPIRATION_TIME) != null;
    }
}
