package dev.gatehouse.adapters.http.console;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.gatehouse.adapters.http.PublicUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OidcFlow} bound to the browser that started it: encrypted (A256GCM, a key of its own from
 * {@link ConsoleKeys}), HttpOnly, path {@value ConsolePaths#OIDC}, ten minutes. SameSite=Lax, not Strict like the
 * session: the provider's redirect back is a cross-site navigation, and a Strict cookie would not come with it; Lax
 * still keeps it off cross-site subrequests and POSTs. The callback clears it, so a replayed callback finds no flow.
 */
@Singleton
final class OidcFlowCookie {

    static final String COOKIE = "gh_console_oidc";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final ConsoleKeys keys;
    private final Clock clock;
    private final boolean secure;

    OidcFlowCookie(ConsoleKeys keys, Clock clock, PublicUrl publicUrl) {
        this.keys = keys;
        this.clock = clock;
        this.secure = publicUrl.base().startsWith("https://");
    }

    OidcFlow start() {
        return OidcFlow.start(clock.instant().plus(LIFETIME));
    }

    Cookie hold(OidcFlow flow) {
        JWEObject jwe = new JWEObject(
                new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                new Payload(Map.<String, Object>of(
                        "state", flow.state(),
                        "nonce", flow.nonce(),
                        "verifier", flow.codeVerifier(),
                        "exp", flow.expiresAt().getEpochSecond())));
        try {
            jwe.encrypt(new DirectEncrypter(keys.oidcFlow()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal the sign-in flow", e);
        }
        return cookie(jwe.serialize(), LIFETIME);
    }

    /** The flow this browser started, if it holds one this service sealed and it is not past its ten minutes. */
    Optional<OidcFlow> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).flatMap(cookie -> open(cookie.getValue()));
    }

    Optional<OidcFlow> open(String value) {
        try {
            JWEObject jwe = JWEObject.parse(value);
            jwe.decrypt(new DirectDecrypter(keys.oidcFlow()));
            Map<String, Object> claims = jwe.getPayload().toJSONObject();
            Instant expiresAt = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
            if (!expiresAt.isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new OidcFlow(
                    (String) claims.get("state"),
                    (String) claims.get("nonce"),
                    (String) claims.get("verifier"),
                    expiresAt));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Cookie cleared() {
        return cookie("", Duration.ZERO);
    }

    private Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(COOKIE, value)
                .path(ConsolePaths.OIDC)
                .httpOnly(true)
                .sameSite(SameSite.Lax)
                .secure(secure)
                .maxAge(maxAge);
    }
}
