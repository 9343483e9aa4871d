package dev.gatehouse.domain.port;

/**
 * Seals secrets and tokens with Gatehouse's master key. The sealed text is versioned and names the key id,
 * so the master key can be rotated while older sealed values stay readable.
 */
public interface SecretCipher {

    String seal(String plaintext);

    /** The id of the key new values are sealed with; not secret (it names the key, as sealed text does). */
    String currentKeyId();

    /** @throws IllegalArgumentException when the text is not sealed by a known key or was tampered with (the message never contains the text) */
    String open(String sealed);
}
