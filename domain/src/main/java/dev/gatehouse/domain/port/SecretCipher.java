package dev.gatehouse.domain.port;

import dev.gatehouse.domain.installation.SecretOwner;

/**
 * Seals secrets and tokens with Gatehouse's master key, bound to their {@link SecretOwner}: the owner must be given
 * again to open a value, so one copied to another installation, user or purpose does not open. The sealed text is
 * versioned and names the key id, so the master key can be rotated while older sealed values stay readable.
 */
public interface SecretCipher {

    String seal(String plaintext, SecretOwner owner);

    /**
     * Opens a value sealed for {@code owner} by a known key: in the current format, or in an older one this
     * Gatehouse still reads (see {@link #isCurrent}); the caller re-seals an older one when it can.
     *
     * @throws IllegalArgumentException when not sealed for this owner by a known key, tampered with, or in a format
     *     this Gatehouse refuses (the message never contains the text)
     */
    String open(String sealed, SecretOwner owner);

    /** Sealed text starting with this needs no re-sealing: the current format and master key. */
    String currentPrefix();

    /** False when {@code sealed} is in an older format or under a previous master key: worth re-sealing. */
    default boolean isCurrent(String sealed) {
        return sealed != null && sealed.startsWith(currentPrefix());
    }

    /** The id of the key new values are sealed with; not secret (it names the key, as sealed text does). */
    String currentKeyId();
}
