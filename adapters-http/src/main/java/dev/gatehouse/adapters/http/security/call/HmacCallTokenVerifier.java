package dev.gatehouse.adapters.http.security.call;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.CallTokenVerifier;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Mattermost call tokens against one installation's accepted secrets (see docs/adr/0002-call-verification.md).
 *
 * <p>Nimbus parses the token, but does not verify it: Nimbus refuses HMAC keys shorter than 256 bits, and Mattermost
 * admins may type short secrets ("1234" in Mattermost's own example). So HS256 is computed here with
 * {@link Mac} over the UTF-8 bytes of the secret, exactly as Mattermost signs, and compared in constant time.
 * Only {@code HS256} is accepted: {@code none}, other HMAC sizes and asymmetric algorithms are refused before any
 * key is used.
 */
@Singleton
public final class HmacCallTokenVerifier implements CallTokenVerifier {

    private static final String HMAC_SHA256 = "HmacSHA256";

    @Override
    public Admission<CallClaims> verify(String token, List<Secret> acceptedSecrets, Instant now) {
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token);
            if (!(parsed instanceof SignedJWT signed)) {
                // a PlainJWT ("alg":"none") or an encrypted one
                return rejected(RejectionReason.TOKEN_ALGORITHM);
            }
            jwt = signed;
        } catch (ParseException | RuntimeException e) {
            return rejected(RejectionReason.TOKEN_MALFORMED);
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return rejected(RejectionReason.TOKEN_ALGORITHM);
        }
        Set<String> critical = jwt.getHeader().getCriticalParams();
        if (critical != null && !critical.isEmpty()) {
            return rejected(RejectionReason.TOKEN_MALFORMED); // RFC 7515 §4.1.11: we understand no extensions
        }
        if (!signedWithAnyOf(jwt, acceptedSecrets)) {
            return rejected(RejectionReason.TOKEN_SIGNATURE);
        }
        Map<String, Object> payload;
        JWTClaimsSet claims;
        String actingUserId;
        try {
            payload = jwt.getPayload().toJSONObject(); // parsed once: the raw exp is read from it below
            claims = JWTClaimsSet.parse(payload);
            actingUserId = claims.getStringClaim("acting_user_id");
        } catch (ParseException e) {
            return rejected(RejectionReason.TOKEN_MALFORMED);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return rejected(RejectionReason.TOKEN_NO_EXPIRY);
        }
        Instant latest = now.plus(MAX_LIFETIME).plus(CLOCK_SKEW);
        // Checked on the raw number too: a huge exp overflows the millisecond Date and would look expired.
        if (payload.get("exp") instanceof Number raw && raw.doubleValue() > latest.getEpochSecond()) {
            return rejected(RejectionReason.TOKEN_EXPIRY_TOO_FAR);
        }
        Instant expiresAt = exp.toInstant();
        if (expiresAt.plus(CLOCK_SKEW).isBefore(now)) {
            return rejected(RejectionReason.TOKEN_EXPIRED);
        }
        if (expiresAt.isAfter(latest)) {
            return rejected(RejectionReason.TOKEN_EXPIRY_TOO_FAR);
        }
        return Admission.admitted(new CallClaims(expiresAt, actingUserId));
    }

    /** Tries every accepted secret (no early exit), so timing does not tell which one matched. */
    private static boolean signedWithAnyOf(SignedJWT jwt, List<Secret> secrets) {
        byte[] signingInput = jwt.getSigningInput();
        byte[] signature = jwt.getSignature().decode();
        boolean matched = false;
        for (Secret secret : secrets) {
            matched |= MessageDigest.isEqual(hs256(secret, signingInput), signature);
        }
        return matched;
    }

    /** Mac instances are not thread-safe and costly to look up: one per thread, re-keyed for each secret. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    });

    private static byte[] hs256(Secret secret, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(secret.keyBytes(), HMAC_SHA256));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static Admission<CallClaims> rejected(RejectionReason reason) {
        return Admission.refused(reason);
    }
}
