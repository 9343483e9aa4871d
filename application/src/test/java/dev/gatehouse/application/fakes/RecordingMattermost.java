package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory fake of the Mattermost port: records what was sent and stored, or fails like an unreachable server when
 * told to. OAuth2 user tokens are kept per session token, as the plugin keeps them per session user.
 */
public final class RecordingMattermost implements Mattermost {

    public record DirectMessage(MattermostSession session, String botUserId, String userId, String message) {}

    public record StoredApp(MattermostSession session, OAuth2ClientCredentials client) {}

    private final List<DirectMessage> sent = new ArrayList<>();
    private final List<StoredApp> apps = new ArrayList<>();
    private final Map<String, OAuth2Token> users = new HashMap<>();
    private int userWrites;
    private volatile String failure;

    @Override
    public synchronized void sendDirectMessage(
            MattermostSession asBot, String botUserId, String userId, String message) {
        failIfTold();
        sent.add(new DirectMessage(asBot, botUserId, userId, message));
    }

    @Override
    public synchronized void storeOAuth2App(MattermostSession asAdmin, OAuth2ClientCredentials client) {
        failIfTold();
        apps.add(new StoredApp(asAdmin, client));
    }

    @Override
    public synchronized void storeOAuth2User(MattermostSession asUser, OAuth2Token token) {
        failIfTold();
        userWrites++;
        users.put(asUser.token(), token);
    }

    @Override
    public synchronized void clearOAuth2User(MattermostSession asUser) {
        failIfTold();
        userWrites++;
        users.remove(asUser.token());
    }

    @Override
    public synchronized Stored<OAuth2Token> loadOAuth2User(MattermostSession asUser) {
        failIfTold();
        OAuth2Token token = users.get(asUser.token());
        return token == null ? Stored.absent() : Stored.of(token);
    }

    private void failIfTold() {
        if (failure != null) {
            throw new MattermostException(failure);
        }
    }

    /** From now on every call fails with this message; null heals. */
    public void failWith(String message) {
        this.failure = message;
    }

    public synchronized List<DirectMessage> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<StoredApp> apps() {
        return List.copyOf(apps);
    }

    /** The token stored for the user of this session token. */
    public synchronized Optional<OAuth2Token> user(String sessionToken) {
        return Optional.ofNullable(users.get(sessionToken));
    }

    /** Stores a token as if an earlier call had (e.g. another replica's renewal). */
    public synchronized void putUser(String sessionToken, OAuth2Token token) {
        users.put(sessionToken, token);
    }

    public synchronized int userWrites() {
        return userWrites;
    }
}
