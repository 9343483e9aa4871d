package dev.gatehouse.adapters.sealing;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.SignedStates;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code state = base64url(payload) "." base64url(HMAC-SHA256(key, payload))} (CLASSIC.md §2), the payload JSON
 * {@code {"i": installation id, "u": Mattermost user id, "p": purpose, "e": expiry (epoch seconds), "n": nonce}}. The key
 * is per installation, derived from the master key with HKDF-SHA256 (RFC 5869, the installation id in {@code info}):
 * nothing new to store or rotate, and a state minted for one installation fails the signature check of another.
 * States live at most {@link SignedState#MAX_LIFETIME}, so a master-key rotation only spoils those in flight.
 */
@Singleton
public final class HkdfSignedStates implements SignedStates {

    private static final int MAX_STATE_LENGTH = 2048;
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final byte[] SALT = "gatehouse signed state v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Argument<Map<String, Object>> PAYLOAD = Argument.mapOf(String.class, Object.class);

    /** HKDF-Extract of the master key: the pseudo-random key every installation's key is expanded from. */
    private final byte[] pseudoRandomKey;

    private final JsonMapper json;

    @Inject
    HkdfSignedStates(MasterKeyConfiguration configuration, JsonMapper json) {
        this(
                AesGcmSecretCipher.decodeKey(
                        configuration.masterKey(), "GATEHOUSE_MASTER_KEY (" + MasterKeyConfiguration.MASTER_KEY + ")"),
                json);
    }

    HkdfSignedStates(byte[] masterKey, JsonMapper json) {
        this.pseudoRandomKey = hmac(SALT, masterKey);
        this.json = json;
    }

    @Override
    public String issue(InstallationId installation, String userId, SignedState.Purpose purpose, Instant now) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("i", installation.toString());
        payload.put("u", userId);
        payload.put("p", purpose.code());
        payload.put("e", now.plus(SignedState.MAX_LIFETIME).getEpochSecond());
        payload.put("n", ENCODER.encodeToString(nonce));
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a state", e);
        }
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(hmac(keyOf(installation), bytes));
    }

    @Override
    public Admission<SignedState> verify(
            String state, InstallationId installation, SignedState.Purpose purpose, Instant now) {
        if (state == null || state.isBlank()) {
            return Admission.refused(RejectionReason.STATE_MISSING);
        }
        int dot = state.indexOf('.');
        if (state.length() > MAX_STATE_LENGTH || dot < 0 || dot != state.lastIndexOf('.')) {
            return Admission.refused(RejectionReason.STATE_INVALID);
        }
        String payloadPart = state.substring(0, dot);
        String signaturePart = state.substring(dot + 1);
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(payloadPart);
            signature = Base64.getUrlDecoder().decode(signaturePart);
        } catch (IllegalArgumentException notBase64) {
            return Admission.refused(RejectionReason.STATE_INVALID);
        }
        // Only the one canonical spelling: the decoder ignores the unused low bits of a last character and accepts
        // padding, so other spellings of the same bytes would otherwise pass as the state Gatehouse issued.
        if (!ENCODER.encodeToString(payload).equals(payloadPart)
                || !ENCODER.encodeToString(signature).equals(signaturePart)) {
            return Admission.refused(RejectionReason.STATE_INVALID);
        }
        if (!MessageDigest.isEqual(hmac(keyOf(installation), payload), signature)) {
            return Admission.refused(RejectionReason.STATE_INVALID);
        }
        SignedState signed = parse(payload);
        if (signed == null || !signed.installationId().equals(installation)) {
            return Admission.refused(RejectionReason.STATE_INVALID);
        }
        if (!now.isBefore(signed.expiresAt())) {
            return Admission.refused(RejectionReason.STATE_EXPIRED);
        }
        if (signed.expiresAt().isAfter(now.plus(SignedState.MAX_LIFETIME).plus(CLOCK_SKEW))) {
            return Admission.refused(RejectionReason.STATE_INVALID); // no state of ours lives that long
        }
        if (signed.purpose() != purpose) {
            return Admission.refused(RejectionReason.STATE_WRONG_PURPOSE);
        }
        return Admission.admitted(signed);
    }

    /** A payload this class signed; null if it is not one (only possible with a leaked key or a bug). */
    private SignedState parse(byte[] payload) {
        try {
            Map<String, Object> fields = json.readValue(payload, PAYLOAD);
            if (!(fields.get("i") instanceof String id)
                    || !(fields.get("u") instanceof String user)
                    || !(fields.get("p") instanceof String purpose)
                    || !(fields.get("e") instanceof Number expiry)
                    || !(fields.get("n") instanceof String nonce)) {
                return null;
            }
            return new SignedState(
                    InstallationId.parse(id),
                    user,
                    SignedState.Purpose.valueOf(purpose.toUpperCase(Locale.ROOT)),
                    Instant.ofEpochSecond(expiry.longValue()),
                    nonce);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** HKDF-Expand to one block: the installation's own HMAC key. */
    private byte[] keyOf(InstallationId installation) {
        byte[] info = ("gatehouse state key " + installation + "\u0001").getBytes(StandardCharsets.US_ASCII);
        return hmac(pseudoRandomKey, info);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "HkdfSignedStates[keys=derived]";
    }
}
