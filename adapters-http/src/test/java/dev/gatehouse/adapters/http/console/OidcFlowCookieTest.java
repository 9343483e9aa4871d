package dev.gatehouse.adapters.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.security.AdminConfiguration;
import dev.gatehouse.application.fakes.MutableClock;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The OpenID Connect flow sealed into the browser that started it. */
class OidcFlowCookieTest {

    private static final String ADMIN_SECRET = "console-unit-admin-secret-0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final ConsoleKeys keys = new ConsoleKeys(new AdminConfiguration(ADMIN_SECRET, null));
    private final OidcFlowCookie flows =
            new OidcFlowCookie(keys, clock, new PublicUrl("https://gatehouse.example.com", 8080));

    @Test
    void isHttpOnlyLaxSecureOnTheSignInPathForTenMinutesAndCarriesNothingReadable() {
        OidcFlow flow = flows.start();
        Cookie cookie = flows.hold(flow);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        // Lax: the provider's redirect back is a cross-site navigation, which a Strict cookie would not follow
        assertThat(cookie.getSameSite()).contains(SameSite.Lax);
        assertThat(cookie.getPath()).isEqualTo("/console/sign-in/oidc");
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(10).toSeconds());
        assertThat(cookie.getValue())
                .doesNotContain(flow.state())
                .doesNotContain(flow.nonce())
                .doesNotContain(flow.codeVerifier());

        assertThat(flows.open(cookie.getValue())).contains(flow);
        clock.advance(Duration.ofMinutes(10));
        assertThat(flows.open(cookie.getValue())).isEmpty();
    }

    @Test
    void refusesATamperedCookieOneSealedWithAnotherKeyAndTheClearedOne() {
        String value = flows.hold(flows.start()).getValue();
        String[] parts = value.split("\\.");
        // one ciphertext character changed (not the tag's last one, whose low bits base64url does not carry)
        parts[3] = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);
        assertThat(flows.open(String.join(".", parts))).isEmpty();
        OidcFlowCookie elsewhere = new OidcFlowCookie(
                new ConsoleKeys(new AdminConfiguration("another-admin-secret-0123456789abcdefgh", null)),
                clock,
                new PublicUrl("https://gatehouse.example.com", 8080));
        assertThat(elsewhere.open(value)).isEmpty();
        assertThat(flows.open(flows.cleared().getValue())).isEmpty();
        assertThat(flows.cleared().getMaxAge()).isZero();
    }

    @Test
    void comparesTheStateExactly() {
        OidcFlow flow = flows.start();
        assertThat(flow.stateMatches(flow.state())).isTrue();
        assertThat(flow.stateMatches(flow.state() + "x")).isFalse();
        assertThat(flow.stateMatches(null)).isFalse();
    }
}
