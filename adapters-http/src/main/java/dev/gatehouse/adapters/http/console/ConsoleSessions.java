package dev.gatehouse.adapters.http.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.adapters.http.PublicUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Console sessions as a signed cookie (HS256 JWT with a key of its own, {@link ConsoleKeys}), so any replica accepts
 * it and none stores it. An admin API token cannot pass for one (another key, another audience), nor a Mattermost
 * call token. HttpOnly, SameSite=Strict, path /console, Secure when the public URL is https.
 */
@Singleton
final class ConsoleSessions {

    static final String COOKIE = "gh_console";
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final String AUDIENCE = "gatehouse-console";

    private final ConsoleKeys keys;
    private final Clock clock;
    private final boolean secure;

    ConsoleSessions(ConsoleKeys keys, Clock clock, PublicUrl publicUrl) {
        this.keys = keys;
        this.clock = clock;
        this.secure = publicUrl.base().startsWith("https://");
    }

    /** A new session for {@code operator}: the cookie to set. */
    Cookie start(String operator) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(operator)
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(keys.session()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a console session", e);
        }
        return cookie(COOKIE, jwt.serialize(), LIFETIME);
    }

    /** The cookie that ends the session in this browser. */
    Cookie end() {
        return cookie(COOKIE, "", Duration.ZERO);
    }

    /** The request's session when its cookie is one this service signed and it has not expired. */
    Optional<ConsoleSession> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(this::verify);
    }

    Optional<ConsoleSession> verify(String value) {
        try {
            SignedJWT jwt = SignedJWT.parse(value);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(keys.session()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null
                    || !exp.toInstant().isAfter(clock.instant())
                    || !List.of(AUDIENCE).equals(claims.getAudience())
                    || claims.getSubject() == null
                    || claims.getJWTID() == null) {
                return Optional.empty();
            }
            return Optional.of(
                    new ConsoleSession(claims.getSubject(), claims.getJWTID(), csrfToken(claims.getJWTID())));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The session's synchronizer token: bound to the session id, the same on every replica, stored nowhere. */
    private String csrfToken(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ConsoleKeys.hmac(keys.csrf(), sessionId));
    }

    Cookie cookie(String name, String value, Duration maxAge) {
        return Cookie.of(name, value)
                .path(ConsolePaths.ROOT)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .secure(secure)
                .maxAge(maxAge);
    }
}
