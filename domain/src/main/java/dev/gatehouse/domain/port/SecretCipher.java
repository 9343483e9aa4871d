package dev.gatehouse.domain.port;

/**
 * Seals secrets and tokens with Gatehouse's master key. The sealed text is versioned and names the key id,
 * so the master key can be rotated while older sealed values stay readable.
 */
public interface SecretCipher {

    String seal(String plaintext);

    /**
     * Seals a value bound to its owner: {@code owner} names what it belongs to (for example
     * {@code installation:<id>|bot-token}) and must be given again to open it, so a sealed value copied to another row
     * (another installation or user, or another kind of secret) does not open.
     */
    String seal(String plaintext, String owner);

    /** @throws IllegalArgumentException when not sealed for this owner by a known key, or tampered with */
    String open(String sealed, String owner);

    /** The id of the key new values are sealed with; not secret (it names the key, as sealed text does). */
    String currentKeyId();

    /** @throws IllegalArgumentException when the text is not sealed by a known key or was tampered with (the message never contains the text) */
    String open(String sealed);
}
