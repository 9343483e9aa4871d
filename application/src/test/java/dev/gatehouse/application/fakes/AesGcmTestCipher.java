package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.port.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Real AES-256-GCM in the production format {@code gh1.<kid>.<base64url(nonce|ciphertext+tag)>}, with a key made from
 * a label: enough that "nothing is stored in the clear" and "another key cannot open it" are real assertions in tests
 * of modules that do not have the persistence adapter's cipher.
 */
public final class AesGcmTestCipher implements SecretCipher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String kid;
    private final SecretKeySpec key;

    /** @param kid the key id, 8 lower-case hex characters like the production cipher's */
    public AesGcmTestCipher(String kid) {
        if (!kid.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("key id must be 8 hex characters");
        }
        this.kid = kid;
        byte[] bytes = new byte[32];
        byte[] label = ("test key " + kid).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(label, 0, bytes, 0, Math.min(label.length, bytes.length));
        this.key = new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String seal(String plaintext) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("gh1." + kid).getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "gh1." + kid + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String open(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3 || !"gh1".equals(parts[0])) {
            throw new IllegalArgumentException("not a sealed value: expected the gh1.<key id>.<data> format");
        }
        if (!kid.equals(parts[1])) {
            throw new IllegalArgumentException("sealed with an unknown master key");
        }
        try {
            byte[] data = Base64.getUrlDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, 12));
            cipher.updateAAD(("gh1." + kid).getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(data, 12, data.length - 12), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed value failed authentication");
        }
    }
}
