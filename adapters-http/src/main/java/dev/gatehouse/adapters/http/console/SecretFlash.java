package dev.gatehouse.adapters.http.console;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A new secret on its way from the POST that made it to the page that shows it (post-redirect-get): an encrypted
 * (A256GCM), HttpOnly cookie that lives two minutes, is bound to the session and the installation, and is cleared by
 * the page that shows it, so reloading or going back shows the secret no more. Never in a URL, never stored.
 */
@Singleton
final class SecretFlash {

    static final String COOKIE = "gh_console_flash";
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    /** What the secret is for, to say so above it. */
    record Shown(String secret, String reason) {
        @Override
        public String toString() {
            return "Shown[secret=redacted, reason=" + reason + "]";
        }
    }

    private final ConsoleKeys keys;
    private final ConsoleSessions sessions;
    private final Clock clock;

    SecretFlash(ConsoleKeys keys, ConsoleSessions sessions, Clock clock) {
        this.keys = keys;
        this.sessions = sessions;
        this.clock = clock;
    }

    Cookie hold(ConsoleSession session, InstallationId id, String secret, String reason) {
        JWEObject jwe = new JWEObject(
                new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                new Payload(Map.<String, Object>of(
                        "sid", session.sessionId(),
                        "iid", id.toString(),
                        "secret", secret,
                        "reason", reason,
                        "exp", clock.instant().plus(LIFETIME).getEpochSecond())));
        try {
            jwe.encrypt(new DirectEncrypter(keys.flash()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal the secret for display", e);
        }
        return sessions.cookie(COOKIE, jwe.serialize(), LIFETIME);
    }

    /** The secret held for this session and installation, if any and still fresh. */
    Optional<Shown> take(HttpRequest<?> request, ConsoleSession session, InstallationId id) {
        return request.getCookies().findCookie(COOKIE).flatMap(cookie -> take(cookie.getValue(), session, id));
    }

    Optional<Shown> take(String cookieValue, ConsoleSession session, InstallationId id) {
        try {
            JWEObject jwe = JWEObject.parse(cookieValue);
            jwe.decrypt(new DirectDecrypter(keys.flash()));
            Map<String, Object> claims = jwe.getPayload().toJSONObject();
            long exp = ((Number) claims.get("exp")).longValue();
            if (!session.sessionId().equals(claims.get("sid"))
                    || !id.toString().equals(claims.get("iid"))
                    || Instant.ofEpochSecond(exp).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Shown((String) claims.get("secret"), (String) claims.get("reason")));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Set on every page that could show a secret: whatever was held is gone after this response. */
    Cookie cleared() {
        return sessions.cookie(COOKIE, "", Duration.ZERO);
    }
}
