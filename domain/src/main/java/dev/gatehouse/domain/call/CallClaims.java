package dev.gatehouse.domain.call;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a verified Mattermost call token. Mattermost sets only {@code exp} and, when the call expanded
 * the acting user, {@code acting_user_id} (PROTOCOL.md §2); nothing else is trusted.
 */
public record CallClaims(Instant expiresAt, String actingUserId) {

    public CallClaims {
        Objects.requireNonNull(expiresAt, "expiresAt");
        actingUserId = actingUserId == null || actingUserId.isEmpty() ? null : actingUserId;
    }

    public Optional<String> actingUser() {
        return Optional.ofNullable(actingUserId);
    }
}
