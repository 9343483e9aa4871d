package dev.gatehouse.adapters.sealing;

import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per seal. Sealed text is {@code gh1.<kid>.<base64url(nonce|ciphertext+tag)>},
 * or {@code gh2.…} for a value bound to its owner (associated data: the installation, the user, what it is);
 * the key id is derived from the key itself, so a value names the key that opens it, and after a master-key rotation
 * the old key (in {@code gatehouse.previous-master-keys}) still opens what it sealed. The version and key id are
 * bound to the ciphertext as associated data, so they cannot be swapped.
 *
 * <p>{@code @Context}: created at startup, so a missing or broken master key stops the application at once
 * instead of at the first call that needs a secret.
 */
@Context
public final class AesGcmSecretCipher implements SecretCipher {

    public static final String MASTER_KEY = MasterKeyConfiguration.MASTER_KEY;
    public static final String PREVIOUS_MASTER_KEYS = MasterKeyConfiguration.PREVIOUS_MASTER_KEYS;
    private static final String MASTER_KEY_ENV = "GATEHOUSE_MASTER_KEY";
    private static final String PREVIOUS_MASTER_KEYS_ENV = "GATEHOUSE_PREVIOUS_MASTER_KEYS";

    private static final String VERSION = "gh1";
    /** Bound to its owner (installation, user, purpose) as associated data: a copy in another row does not open. */
    private static final String BOUND_VERSION = "gh2";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String currentKid;
    private final SecretKey currentKey;
    /** Every key that may open: the current one first, then previous ones. */
    private final Map<String, SecretKey> openingKeys;

    @Inject
    AesGcmSecretCipher(MasterKeyConfiguration configuration) {
        this(configuration.masterKey(), configuration.previousMasterKeys());
    }

    public AesGcmSecretCipher(@Nullable String masterKey, @Nullable List<String> previousMasterKeys) {
        byte[] current = decodeKey(masterKey, MASTER_KEY_ENV + " (" + MASTER_KEY + ")");
        this.currentKid = keyId(current);
        this.currentKey = new SecretKeySpec(current, "AES");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(currentKid, currentKey);
        if (previousMasterKeys != null) {
            for (int i = 0; i < previousMasterKeys.size(); i++) {
                byte[] previous = decodeKey(
                        previousMasterKeys.get(i),
                        PREVIOUS_MASTER_KEYS_ENV + " (" + PREVIOUS_MASTER_KEYS + ") entry " + (i + 1));
                keys.putIfAbsent(keyId(previous), new SecretKeySpec(previous, "AES"));
            }
        }
        this.openingKeys = Map.copyOf(keys);
    }

    /** Decodes base64 (standard or URL alphabet) of exactly 32 bytes; messages say what is wrong, never the value. */
    static byte[] decodeKey(String base64, String name) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(
                    name
                            + " is not set: give the base64 of 32 random bytes, for example the output of `openssl rand -base64 32`");
        }
        byte[] key;
        try {
            String trimmed = base64.strip();
            key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64: give the base64 of 32 random bytes");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(name + " decodes to " + key.length + " bytes; it must be exactly "
                    + KEY_BYTES + " bytes (AES-256)");
        }
        return key;
    }

    /** 8 hex characters of SHA-256 over a label and the key: names the key without revealing it. */
    static String keyId(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("gatehouse master key id\0".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String currentKeyId() {
        return currentKid;
    }

    @Override
    public String seal(String plaintext) {
        return seal(VERSION, plaintext, null);
    }

    @Override
    public String seal(String plaintext, String owner) {
        return seal(BOUND_VERSION, plaintext, requireOwner(owner));
    }

    @Override
    public String open(String sealed) {
        return open(sealed, VERSION, null);
    }

    @Override
    public String open(String sealed, String owner) {
        return open(sealed, BOUND_VERSION, requireOwner(owner));
    }

    private String seal(String version, String plaintext, String owner) {
        if (plaintext == null) {
            throw new IllegalArgumentException("nothing to seal");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, currentKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(version, currentKid, owner));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
            return version + "." + currentKid + "." + ENCODER.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    private String open(String sealed, String version, String owner) {
        if (sealed == null) {
            throw new IllegalArgumentException("sealed value is missing");
        }
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 3 || !version.equals(parts[0])) {
            throw new IllegalArgumentException(
                    "not a sealed value: expected the " + version + ".<key id>.<data> format");
        }
        String kid = parts[1];
        SecretKey key = openingKeys.get(kid);
        if (key == null) {
            throw new IllegalArgumentException("sealed with an unknown master key (key id " + safeKid(kid)
                    + "); add that key to " + PREVIOUS_MASTER_KEYS_ENV);
        }
        byte[] data;
        try {
            data = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed value is not valid base64url");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(version, kid, owner));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException(
                    owner == null
                            ? "sealed value failed authentication: it was altered or sealed with another key"
                            : "sealed value failed authentication: it was altered, sealed with another key, or belongs to"
                                    + " someone else");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    /** The version and key id, and for {@code gh2} the owner: none of them can be swapped without the tag failing. */
    private static byte[] associatedData(String version, String kid, String owner) {
        String bound = version + "." + kid + (owner == null ? "" : "\0" + owner);
        return bound.getBytes(StandardCharsets.UTF_8);
    }

    private static String requireOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a bound value needs its owner");
        }
        return owner;
    }

    /** A key id is not secret, but the input might be garbage: only echo it when it looks like a key id. */
    private static String safeKid(String kid) {
        return kid.matches("[0-9a-f]{8}") ? kid : "(malformed)";
    }

    @Override
    public String toString() {
        return "AesGcmSecretCipher[currentKeyId=" + currentKid + ", keys=" + openingKeys.size() + "]";
    }
}
