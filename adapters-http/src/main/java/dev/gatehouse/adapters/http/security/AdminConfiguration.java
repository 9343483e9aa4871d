package dev.gatehouse.adapters.http.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code gatehouse.admin.*}: how admin API tokens are verified.
 *
 * @param jwtSecret {@code gatehouse.admin.jwt-secret} ({@code GATEHOUSE_ADMIN_JWT_SECRET}): the HS256 key admin tokens
 *                  are signed with; required, at least {@link AdminJwtSignature#MIN_LENGTH} characters
 * @param jwksUrl   {@code gatehouse.admin.jwks-url}: an identity provider whose tokens are accepted too; optional
 */
@ConfigurationProperties(AdminConfiguration.PREFIX)
public record AdminConfiguration(
        @Nullable String jwtSecret, @Nullable String jwksUrl) {

    public static final String PREFIX = "gatehouse.admin";
    public static final String JWT_SECRET = PREFIX + ".jwt-secret";
    public static final String JWKS_URL = PREFIX + ".jwks-url";

    @Override
    public String toString() {
        return "AdminConfiguration[jwtSecret=" + (jwtSecret == null ? "absent" : "redacted") + ", jwksUrl=" + jwksUrl
                + "]";
    }
}
