package dev.gatehouse.adapters.sealing;

import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per seal. Sealed text is {@code gh3.<kid>.<base64url(nonce|ciphertext+tag)>},
 * bound to its {@link SecretOwner}: the associated data is the version, the key id, the purpose, the installation and
 * the user, each length-prefixed, so no two owners share an encoding and none of them can be swapped without the tag
 * failing. The key id is derived from the key itself, so a value names the key that opens it, and after a master-key
 * rotation the old key (in {@code gatehouse.previous-master-keys}) still opens what it sealed.
 *
 * <p>Older formats: {@code gh2} (bound to an owner label, slash-command ingress values) is still opened;
 * {@code gh1} (bound to no owner, so a copy opens anywhere) only with {@code gatehouse.secrets.accept-unbound}.
 * Neither is current ({@link #isCurrent}): callers re-seal them when they use them.
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
    private static final String ACCEPT_UNBOUND_ENV = "GATEHOUSE_SECRETS_ACCEPT_UNBOUND";

    /** Bound to no owner: refused unless {@code accept-unbound}. */
    static final String UNBOUND_VERSION = "gh1";
    /** Bound to an owner label ({@link #ownerLabel}); written by the slash-command ingress before {@code gh3}. */
    static final String LABELLED_VERSION = "gh2";
    /** Bound to its owner, canonically encoded. */
    static final String VERSION = "gh3";

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

    private final boolean acceptUnbound;

    @Inject
    AesGcmSecretCipher(MasterKeyConfiguration configuration, SealingConfiguration sealing) {
        this(configuration.masterKey(), configuration.previousMasterKeys(), sealing.acceptUnbound());
    }

    public AesGcmSecretCipher(@Nullable String masterKey, @Nullable List<String> previousMasterKeys) {
        this(masterKey, previousMasterKeys, false);
    }

    public AesGcmSecretCipher(
            @Nullable String masterKey, @Nullable List<String> previousMasterKeys, boolean acceptUnbound) {
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
        this.acceptUnbound = acceptUnbound;
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
    public String currentPrefix() {
        return VERSION + "." + currentKid + ".";
    }

    @Override
    public String seal(String plaintext, SecretOwner owner) {
        return seal(VERSION, plaintext, Objects.requireNonNull(owner, "owner"));
    }

    /**
     * Seals in the old {@code gh1} format, bound to no owner: only for tests that show how such values (written
     * before {@code gh3}) are read and migrated. Gatehouse itself never writes it.
     */
    public String sealUnbound(String plaintext) {
        return seal(UNBOUND_VERSION, plaintext, null);
    }

    @Override
    public String open(String sealed, SecretOwner owner) {
        Objects.requireNonNull(owner, "owner");
        if (sealed == null) {
            throw new IllegalArgumentException("sealed value is missing");
        }
        if (sealed.startsWith(VERSION + ".")) {
            return open(sealed, VERSION, owner);
        }
        if (sealed.startsWith(LABELLED_VERSION + ".")) {
            if (ownerLabel(owner) == null) {
                throw new IllegalArgumentException("a " + owner.purpose() + " is never in the gh2 format");
            }
            return open(sealed, LABELLED_VERSION, owner);
        }
        if (sealed.startsWith(UNBOUND_VERSION + ".")) {
            if (!acceptUnbound) {
                throw new IllegalArgumentException("sealed in the old gh1 format, which is bound to no owner: refused;"
                        + " to migrate, set " + ACCEPT_UNBOUND_ENV + "=true and run `gatehouse secrets reseal`");
            }
            return open(sealed, UNBOUND_VERSION, null);
        }
        throw new IllegalArgumentException("not a sealed value: expected the " + VERSION + ".<key id>.<data> format");
    }

    private String seal(String version, String plaintext, @Nullable SecretOwner owner) {
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

    private String open(String sealed, String version, @Nullable SecretOwner owner) {
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

    /**
     * {@code gh3}: version, key id, purpose, installation and user (empty when none), each as a 4-byte big-endian
     * length and its UTF-8 bytes. {@code gh2}: version, key id and the owner label; {@code gh1}: version and key id.
     */
    static byte[] associatedData(String version, String kid, @Nullable SecretOwner owner) {
        if (VERSION.equals(version)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String field : List.of(
                    version,
                    kid,
                    owner.purpose().name(),
                    owner.installation().value().toString(),
                    owner.userId().orElse(""))) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }
        String bound = version + "." + kid + (owner == null ? "" : "\0" + ownerLabel(owner));
        return bound.getBytes(StandardCharsets.UTF_8);
    }

    /** The owner label {@code gh2} values were sealed for; null for a purpose that was never sealed as {@code gh2}. */
    @Nullable static String ownerLabel(SecretOwner owner) {
        String installation = "installation:" + owner.installation();
        return switch (owner.purpose()) {
            case BOT_TOKEN -> installation + "|bot-token";
            case CLIENT_SECRET -> installation + "|oauth2-client";
            case USER_TOKEN -> installation + "|user:" + owner.userId().orElseThrow() + "|oauth2-token";
            case INSTALLATION_SECRET -> null;
        };
    }

    /** A key id is not secret, but the input might be garbage: only echo it when it looks like a key id. */
    private static String safeKid(String kid) {
        return kid.matches("[0-9a-f]{8}") ? kid : "(malformed)";
    }

    @Override
    public String toString() {
        return "AesGcmSecretCipher[currentKeyId=" + currentKid + ", keys=" + openingKeys.size() + ", acceptUnbound="
                + acceptUnbound + "]";
    }
}
