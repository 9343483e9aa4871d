package dev.gatehouse.domain.installation;

import java.util.Objects;
import java.util.Optional;

/**
 * The app's bot on a Mattermost server without the Apps framework: its user id and an access token for it.
 * {@code tokenId} is Mattermost's id of that token when Gatehouse made it (so it can revoke it when it makes the next
 * one); null for a token an admin made by hand and handed over.
 */
public record BotAccount(String userId, BotToken token, String tokenId) {

    public BotAccount {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("bot user id is required");
        }
        Objects.requireNonNull(token, "token");
        tokenId = tokenId == null || tokenId.isBlank() ? null : tokenId;
    }

    public Optional<String> madeByGatehouse() {
        return Optional.ofNullable(tokenId);
    }

    @Override
    public String toString() {
        return "BotAccount[userId=" + userId + ", token=redacted, tokenId=" + tokenId + "]";
    }
}
