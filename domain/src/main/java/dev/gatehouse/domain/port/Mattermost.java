package dev.gatehouse.domain.port;

import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;

/**
 * What the app asks of a Mattermost server over its REST API (PROTOCOL.md §6). Each operation acts as the session
 * given (bot or user) against the installation's registered URL. Failures (an error status, unreachable, too slow)
 * are a {@link MattermostException} whose message is safe to show to the user.
 *
 * <p>The OAuth2 operations use the Apps plugin's storage (PROTOCOL.md §6.1). Implementations seal the client secret
 * and the tokens with Gatehouse's master key before they leave Gatehouse, so Mattermost's database never holds
 * them in the clear; calls bring them back in {@code context.oauth2}, opened by the inbound adapter.
 */
public interface Mattermost {

    /** Opens (or reuses) the direct channel between the bot and {@code userId} and posts {@code message} in it. */
    void sendDirectMessage(MattermostSession asBot, String botUserId, String userId, String message);

    /** {@code GET /api/v4/users/{userId}} ({@code me} for the session's own user). */
    MattermostUser user(MattermostSession session, String userId);

    /** Opens an interactive dialog for the user whose command gave the trigger id. */
    void openDialog(MattermostSession asBot, Dialog dialog);

    /**
     * Stores the installation's OAuth2 client, its secret sealed for {@code owner} (the installation's client secret);
     * Mattermost requires the session of a system admin.
     */
    void storeOAuth2App(MattermostSession asAdmin, SecretOwner owner, OAuth2ClientCredentials client);

    /** Stores the session user's provider token (replacing what was stored), sealed for {@code owner}: that user's. */
    void storeOAuth2User(MattermostSession asUser, SecretOwner owner, OAuth2Token token);

    /** Forgets the session user's provider token. */
    void clearOAuth2User(MattermostSession asUser);

    /**
     * Reads the session user's provider token as stored now (a call's context may be older); one not sealed for
     * {@code owner} is unreadable.
     */
    Stored<OAuth2Token> loadOAuth2User(MattermostSession asUser, SecretOwner owner);
}
