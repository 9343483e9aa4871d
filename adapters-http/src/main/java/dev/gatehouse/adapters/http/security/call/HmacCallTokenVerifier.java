package dev.gatehouse.adapters.http.security.call;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.CallTokenVerifier;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Mattermost call tokens against one installation's accepted secrets (see docs/adr/0002-call-verification.md).
 *
 * <p>The token is read strictly by {@link CompactJws} (three canonical base64url parts, a JSON header whose {@code alg}
 * is {@code HS256}, no {@code crit}): {@code none}, other HMAC sizes and asymmetric algorithms are refused before any
 * key is used. HS256 is computed here with {@link Mac} over the UTF-8 bytes of the secret, exactly as Mattermost
 * signs (Mattermost admins may type short secrets, "1234" in Mattermost's own example, which JOSE libraries refuse),
 * and compared in constant time. The signed payload is read strictly by {@link PayloadClaims}.
 */
@Singleton
public final class HmacCallTokenVerifier implements CallTokenVerifier {

    private static final String HMAC_SHA256 = "HmacSHA256";

    @Override
    public Admission<CallClaims> verify(String token, List<Secret> acceptedSecrets, Instant now) {
        Admission<CompactJws> read = CompactJws.read(token);
        if (read instanceof Admission.Refused<CompactJws> refused) {
            return rejected(refused.reason());
        }
        CompactJws jws = ((Admission.Admitted<CompactJws>) read).value();
        if (!signedWithAnyOf(jws, acceptedSecrets)) {
            return rejected(RejectionReason.TOKEN_SIGNATURE);
        }
        // Signed, but still not trusted to be well formed: a signer's bug must be a 401, not a 500.
        Optional<PayloadClaims> payload = PayloadClaims.read(jws.payload());
        if (payload.isEmpty()) {
            return rejected(RejectionReason.TOKEN_MALFORMED);
        }
        PayloadClaims claims = payload.get();
        if (claims.exp().isEmpty()) {
            return rejected(RejectionReason.TOKEN_NO_EXPIRY);
        }
        Instant expiresAt = claims.exp().get();
        if (expiresAt.plus(CLOCK_SKEW).isBefore(now)) {
            return rejected(RejectionReason.TOKEN_EXPIRED);
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            return rejected(RejectionReason.TOKEN_EXPIRY_TOO_FAR);
        }
        Instant latestStart = now.plus(CLOCK_SKEW);
        if (claims.nbf().filter(latestStart::isBefore).isPresent()
                || claims.iat().filter(latestStart::isBefore).isPresent()) {
            return rejected(RejectionReason.TOKEN_NOT_YET_VALID);
        }
        return Admission.admitted(new CallClaims(expiresAt, claims.actingUserId()));
    }

    /** Tries every accepted secret (no early exit), so timing does not tell which one matched. */
    private static boolean signedWithAnyOf(CompactJws jws, List<Secret> secrets) {
        boolean matched = false;
        for (Secret secret : secrets) {
            matched |= MessageDigest.isEqual(hs256(secret, jws.signingInput()), jws.signature());
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
