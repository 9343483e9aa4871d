package dev.gatehouse.adapters.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Refuses admin tokens whose {@code roles} claim is present but not an array of strings: micronaut-security would
 * read {@code "roles":"ADMIN"} as the ADMIN role, and Gatehouse issues (and documents) an array only.
 */
@Singleton
public final class RolesClaimIsAnArray implements GenericJwtClaimsValidator<HttpRequest<?>> {

    static final String ROLES = "roles";

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object roles = claims.get(ROLES);
        return roles == null || roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
    }
}
