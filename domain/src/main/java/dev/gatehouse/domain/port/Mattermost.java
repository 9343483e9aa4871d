package dev.gatehouse.domain.port;

import dev.gatehouse.domain.call.MattermostSession;

/**
 * What the app asks of a Mattermost server over its REST API (PROTOCOL.md §6). Each operation acts as the session
 * given (bot or user) against the installation's registered URL. Failures (an error status, unreachable, too slow)
 * are a {@link MattermostException} whose message is safe to show to the user.
 */
public interface Mattermost {

    /** Opens (or reuses) the direct channel between the bot and {@code userId} and posts {@code message} in it. */
    void sendDirectMessage(MattermostSession asBot, String botUserId, String userId, String message);
}
