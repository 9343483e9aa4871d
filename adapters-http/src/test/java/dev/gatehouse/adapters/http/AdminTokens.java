package dev.gatehouse.adapters.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made admin tokens, including the broken ones the API must refuse. Signs like an operator's tooling would. */
public final class AdminTokens {

    /** Same value as gatehouse.admin.jwt-secret in application-test.yml. */
    public static final String KEY = "test-admin-key-0123456789-abcdefghijklmnop";

    public static final String OTHER_KEY = "another-key-nobody-configured-0123456789";

    private AdminTokens() {}

    public static String admin(String subject) {
        return sign(
                KEY,
                claims(subject, List.of("ADMIN"))
                        .expirationTime(in(Duration.ofMinutes(5)))
                        .build());
    }

    public static String withRoles(String subject, List<String> roles) {
        return sign(
                KEY,
                claims(subject, roles).expirationTime(in(Duration.ofMinutes(5))).build());
    }

    public static String signedWithOtherKey(String subject) {
        return sign(
                OTHER_KEY,
                claims(subject, List.of("ADMIN"))
                        .expirationTime(in(Duration.ofMinutes(5)))
                        .build());
    }

    public static String expired(String subject) {
        return sign(
                KEY,
                claims(subject, List.of("ADMIN"))
                        .expirationTime(in(Duration.ofMinutes(-10)))
                        .build());
    }

    public static String notYetValid(String subject) {
        return sign(
                KEY,
                claims(subject, List.of("ADMIN"))
                        .expirationTime(in(Duration.ofMinutes(60)))
                        .notBeforeTime(in(Duration.ofMinutes(50)))
                        .build());
    }

    public static String withoutExpiry(String subject) {
        return sign(KEY, claims(subject, List.of("ADMIN")).build());
    }

    /** A token with any {@code roles} claim value, e.g. the string {@code "ADMIN"} instead of an array. */
    public static String withRolesClaim(String subject, Object roles) {
        return sign(
                KEY,
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .claim("roles", roles)
                        .issueTime(new Date())
                        .expirationTime(in(Duration.ofMinutes(5)))
                        .build());
    }

    /**
     * A valid admin token signed with the admin key under another HMAC ({@code HS384}/{@code HmacSHA384}, ...), made
     * with the JDK's MAC because Nimbus' signer refuses keys shorter than the hash.
     */
    public static String signedWithHmac(String subject, String jwsAlgorithm, String macAlgorithm) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = claims(subject, List.of("ADMIN"))
                .expirationTime(in(Duration.ofMinutes(5)))
                .build()
                .toString();
        String input = b64.encodeToString(
                        ("{\"alg\":\"" + jwsAlgorithm + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), macAlgorithm));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        return new JWTClaimsSet.Builder().subject(subject).claim("roles", roles).issueTime(new Date());
    }

    private static Date in(Duration d) {
        return Date.from(Instant.now().plus(d));
    }

    private static String sign(String key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
