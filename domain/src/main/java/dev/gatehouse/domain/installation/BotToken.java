package dev.gatehouse.domain.installation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An access token of the app's bot account on a Mattermost server without the Apps framework: what Gatehouse acts as
 * when it DMs a user or opens a dialog. Sealed at rest; {@link #toString()} never reveals it.
 */
public record BotToken(String value) {

    public BotToken {
        Objects.requireNonNull(value, "bot token is required");
        if (value.isBlank() || !value.equals(value.strip())) {
            throw new IllegalArgumentException("token must not be blank or start or end with white space");
        }
        if (value.length() > 256) {
            throw new IllegalArgumentException("token must be at most 256 characters");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BotToken other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // never derive anything observable from the value
    }

    @Override
    public String toString() {
        return "BotToken[redacted]";
    }
}
