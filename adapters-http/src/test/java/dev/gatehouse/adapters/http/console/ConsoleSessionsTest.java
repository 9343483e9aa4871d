package dev.gatehouse.adapters.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.security.AdminConfiguration;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sessions, CSRF tokens and the one-time secret flash, without a server. */
class ConsoleSessionsTest {

    private static final String ADMIN_SECRET = "console-unit-admin-secret-0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final ConsoleKeys keys = new ConsoleKeys(new AdminConfiguration(ADMIN_SECRET, null));
    private final ConsoleSessions sessions =
            new ConsoleSessions(keys, clock, new PublicUrl("https://gatehouse.example.com", 8080));
    private final SecretFlash flash = new SecretFlash(keys, sessions, clock);

    @Test
    void aSessionCookieIsHttpOnlyStrictSecureAndLastsEightHours() {
        Cookie cookie = sessions.start("alice");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).contains(SameSite.Strict);
        assertThat(cookie.getPath()).isEqualTo("/console");
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofHours(8).toSeconds());

        ConsoleSession session = sessions.verify((cookie.getValue())).orElseThrow();
        assertThat(session.operator()).isEqualTo("alice");
        assertThat(session.actor()).isEqualTo("console:alice");

        clock.advance(Duration.ofHours(8));
        assertThat(sessions.verify((cookie.getValue()))).isEmpty();
    }

    @Test
    void eachSessionHasItsOwnCsrfTokenComparedInFull() {
        ConsoleSession one =
                sessions.verify((sessions.start("alice").getValue())).orElseThrow();
        ConsoleSession two =
                sessions.verify((sessions.start("alice").getValue())).orElseThrow();
        assertThat(one.csrfToken()).isNotEqualTo(two.csrfToken());
        assertThat(one.csrfMatches(one.csrfToken())).isTrue();
        assertThat(one.csrfMatches(two.csrfToken())).isFalse();
        assertThat(one.csrfMatches(one.csrfToken().substring(1))).isFalse();
        assertThat(one.csrfMatches(null)).isFalse();
        assertThat(one.toString()).doesNotContain(one.csrfToken());
    }

    @Test
    void anAdminTokenATamperedCookieOrAnotherKeysCookieIsNoSession() throws Exception {
        // An admin API token: HS256 with the admin secret itself, the same claims a session has and more.
        com.nimbusds.jwt.SignedJWT adminToken = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder()
                        .subject("alice")
                        .audience("gatehouse-console")
                        .jwtID("x")
                        .claim("roles", java.util.List.of("ADMIN"))
                        .expirationTime(java.util.Date.from(clock.instant().plusSeconds(3600)))
                        .build());
        adminToken.sign(new com.nimbusds.jose.crypto.MACSigner(ADMIN_SECRET.getBytes()));
        assertThat(sessions.verify((adminToken.serialize()))).isEmpty();

        String value = sessions.start("alice").getValue();
        String[] parts = value.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(sessions.verify((forged))).isEmpty();
        assertThat(sessions.verify(("garbage"))).isEmpty();

        ConsoleSessions otherService = new ConsoleSessions(
                new ConsoleKeys(new AdminConfiguration("another-admin-secret-0123456789abcdefghij", null)),
                clock,
                new PublicUrl("https://gatehouse.example.com", 8080));
        assertThat(otherService.verify((value))).isEmpty();
    }

    @Test
    void aHeldSecretOpensOnlyForItsSessionAndInstallationAndOnlyBriefly() {
        ConsoleSession mine =
                sessions.verify((sessions.start("alice").getValue())).orElseThrow();
        ConsoleSession other =
                sessions.verify((sessions.start("alice").getValue())).orElseThrow();
        InstallationId id = InstallationId.random();
        Cookie held = flash.hold(mine, id, "the-new-secret-0123456789abcdefghijkl", "rotated");
        assertThat(held.getValue()).doesNotContain("the-new-secret");
        String request = held.getValue();

        assertThat(flash.take(request, mine, id)).hasValueSatisfying(shown -> {
            assertThat(shown.secret()).isEqualTo("the-new-secret-0123456789abcdefghijkl");
            assertThat(shown.toString()).doesNotContain("the-new-secret");
        });
        assertThat(flash.take(request, other, id)).isEmpty();
        assertThat(flash.take(request, mine, InstallationId.random())).isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(flash.take(request, mine, id)).isEmpty();
        assertThat(flash.cleared().getMaxAge()).isZero();
    }

    @Test
    void refusalsOfTheCoreLandNextToTheFieldTheyName() {
        assertThat(FieldErrors.of("api_url must start with http://", java.util.List.of("name", "site_url", "api_url")))
                .containsOnlyKeys("api_url");
        assertThat(FieldErrors.of("name is required", java.util.List.of("name", "site_url")))
                .containsOnlyKeys("name");
        assertThat(FieldErrors.of("something else", java.util.List.of("name"))).containsOnlyKeys(FieldErrors.FORM);
    }
}
