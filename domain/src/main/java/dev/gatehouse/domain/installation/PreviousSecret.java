package dev.gatehouse.domain.installation;

import java.time.Instant;
import java.util.Objects;

/** The secret replaced by a rotation, still accepted until {@code acceptedUntil}. */
public record PreviousSecret(Secret secret, Instant acceptedUntil) {

    public PreviousSecret {
        Objects.requireNonNull(secret, "previous secret is required");
        Objects.requireNonNull(acceptedUntil, "end of the grace window is required");
    }

    public boolean acceptedAt(Instant now) {
        return now.isBefore(acceptedUntil);
    }

    @Override
    public String toString() {
        return "PreviousSecret[secret=redacted, acceptedUntil=" + acceptedUntil + "]";
    }
}
