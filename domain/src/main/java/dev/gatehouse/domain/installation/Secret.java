package dev.gatehouse.domain.installation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A shared JWT secret. Mattermost signs calls with the UTF-8 bytes of this string.
 * Generated secrets are 32 random bytes, base64url without padding (43 characters).
 * {@link #toString()} never reveals the value.
 */
public record Secret(String value) {

    /** Below this length an operator-chosen secret is weak (refused unless weak secrets are allowed). */
    public static final int STRONG_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public Secret {
        Objects.requireNonNull(value, "secret is required");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (value.isBlank() || !value.equals(value.strip())) {
            throw new IllegalArgumentException("secret must not be blank or start or end with white space");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("secret must not contain NUL or other control characters");
        }
    }

    public static Secret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public boolean isWeak() {
        return value.length() < STRONG_LENGTH;
    }

    /** The HMAC key exactly as Mattermost uses it. A fresh copy each time: callers may wipe it. */
    public byte[] keyBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison. */
    public boolean matches(Secret other) {
        return other != null && MessageDigest.isEqual(keyBytes(), other.keyBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && matches(s);
    }

    @Override
    public int hashCode() {
        return 0; // never derive anything observable from the value
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
