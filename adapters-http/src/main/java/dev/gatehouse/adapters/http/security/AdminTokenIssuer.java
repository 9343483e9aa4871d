package dev.gatehouse.adapters.http.security;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Mints admin tokens (for the {@code gatehouse admin-token} CLI command) with the key the admin API verifies. */
@Singleton
public final class AdminTokenIssuer {

    public static final Duration MAX_TTL = Duration.ofDays(365);

    private final JwtTokenGenerator generator;

    public AdminTokenIssuer(JwtTokenGenerator generator) {
        this.generator = generator;
    }

    /** A signed HS256 JWT with {@code sub}, {@code roles=[ADMIN]}, {@code iat}, {@code nbf} and {@code exp}. */
    public String issue(String subject, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is required");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL.toDays() + " days");
        }
        return generator
                .generateToken(
                        Authentication.build(subject.strip(), List.of(AdminRoles.ADMIN)),
                        Math.toIntExact(ttl.toSeconds()))
                .orElseThrow(() -> new IllegalStateException("could not sign the admin token"));
    }
}
