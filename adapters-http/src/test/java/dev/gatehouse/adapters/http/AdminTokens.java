package dev.gatehouse.adapters.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

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
