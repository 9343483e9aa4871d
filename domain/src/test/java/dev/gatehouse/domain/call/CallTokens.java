package dev.gatehouse.domain.call;

import dev.gatehouse.domain.installation.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints Mattermost call tokens for tests, exactly as the Apps plugin signs them ({@code upstream/uphttp/upstream.go}
 * {@code createJWT}: HS256 over the UTF-8 bytes of the secret, header {@code {"alg":"HS256","typ":"JWT"}}, only
 * {@code exp} and, when the call expands the acting user, {@code acting_user_id}), and forges the ones it never makes.
 */
public final class CallTokens {

    public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    /** Mattermost's call tokens live 15 minutes. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private CallTokens() {}

    /** The token Mattermost makes at {@code now}; {@code actingUserId} may be null. */
    public static String mattermost(Secret secret, Instant now, String actingUserId) {
        return expiringAt(secret, now.plus(LIFETIME), actingUserId);
    }

    public static String expiringAt(Secret secret, Instant exp, String actingUserId) {
        return hs256(
                secret,
                "{\"exp\":" + exp.getEpochSecond()
                        + (actingUserId == null ? "" : ",\"acting_user_id\":\"" + actingUserId + "\"") + "}");
    }

    /** An HS256 token with these claims, as JSON text. */
    public static String hs256(Secret secret, String claims) {
        return sign(HS256_HEADER, claims, secret.keyBytes(), "HmacSHA256");
    }

    /** Any header and claims, signed with any JCA MAC ({@code HmacSHA256}, {@code HmacSHA512}, ...). */
    public static String sign(String header, String claims, byte[] key, String macAlgorithm) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
