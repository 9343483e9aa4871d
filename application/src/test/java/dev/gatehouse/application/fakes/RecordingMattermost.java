package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
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
 * told to. Like the server (PROTOCOL.md §6.1) it knows which sessions it issued and to whom: a session it never
 * issued is refused (401), the OAuth2 app needs a system admin's session and a user's OAuth2 token a user's session
 * (403 otherwise), and tokens are kept per session user. {@link dev.gatehouse.application.contract.MattermostContract}
 * holds it to the same behaviour as the HTTP adapter.
 */
public final class RecordingMattermost implements Mattermost {

    public record DirectMessage(MattermostSession session, String botUserId, String userId, String message) {}

    public record StoredApp(MattermostSession session, OAuth2ClientCredentials client) {}

    private enum Role {
        BOT,
        USER,
        SYSTEM_ADMIN
    }

    /** A session the server issued: to whom, and what they may do. */
    private record Session(String userId, Role role) {}

    private final Map<String, Session> sessions = new HashMap<>();
    private final List<DirectMessage> sent = new ArrayList<>();
    private final List<StoredApp> apps = new ArrayList<>();
    private final List<Dialog> dialogs = new ArrayList<>();
    private final Map<String, OAuth2Token> users = new HashMap<>();
    private int userWrites;
    private volatile String failure;

    /** The server issued {@code sessionToken} to the bot ({@code bot_access_token}). */
    public synchronized RecordingMattermost botSession(String sessionToken, String botUserId) {
        sessions.put(sessionToken, new Session(botUserId, Role.BOT));
        return this;
    }

    /** The server issued {@code sessionToken} to {@code userId}, who is no system admin. */
    public synchronized RecordingMattermost userSession(String sessionToken, String userId) {
        sessions.put(sessionToken, new Session(userId, Role.USER));
        return this;
    }

    /** The server issued {@code sessionToken} to {@code userId}, a system admin (manage_system). */
    public synchronized RecordingMattermost adminSession(String sessionToken, String userId) {
        sessions.put(sessionToken, new Session(userId, Role.SYSTEM_ADMIN));
        return this;
    }

    @Override
    public synchronized void sendDirectMessage(
            MattermostSession asBot, String botUserId, String userId, String message) {
        failIfTold();
        known(asBot, "opening the direct channel");
        sent.add(new DirectMessage(asBot, botUserId, userId, message));
    }

    @Override
    public synchronized MattermostUser user(MattermostSession session, String userId) {
        failIfTold();
        Session asking = known(session, "reading a user");
        String id = "me".equals(userId) ? asking.userId() : userId;
        Session of = sessions.values().stream()
                .filter(known -> known.userId().equals(id))
                .findFirst()
                .orElseThrow(() -> new MattermostException(
                        "Mattermost answered HTTP 404 when reading a user.",
                        404,
                        "app.user.missing_account.const",
                        null));
        String roles = of.role() == Role.SYSTEM_ADMIN ? "system_user system_admin" : "system_user";
        return new MattermostUser(
                id, "user-" + id, of.role() == Role.BOT ? "system_user" : roles, of.role() == Role.BOT);
    }

    @Override
    public synchronized void openDialog(MattermostSession asBot, Dialog dialog) {
        failIfTold();
        if (known(asBot, "opening a dialog").role() != Role.BOT) {
            throw forbidden("opening a dialog");
        }
        dialogs.add(dialog);
    }

    /** The dialogs opened, oldest first. */
    public synchronized List<Dialog> dialogs() {
        return List.copyOf(dialogs);
    }

    @Override
    public synchronized void storeOAuth2App(MattermostSession asAdmin, OAuth2ClientCredentials client) {
        failIfTold();
        String doing = "storing the OAuth2 client";
        if (known(asAdmin, doing).role() != Role.SYSTEM_ADMIN) {
            throw forbidden(doing);
        }
        apps.add(new StoredApp(asAdmin, client));
    }

    @Override
    public synchronized void storeOAuth2User(MattermostSession asUser, OAuth2Token token) {
        failIfTold();
        String userId = tokenOwner(asUser, "storing your OAuth2 token");
        userWrites++;
        users.put(userId, token);
    }

    @Override
    public synchronized void clearOAuth2User(MattermostSession asUser) {
        failIfTold();
        String userId = tokenOwner(asUser, "forgetting your OAuth2 token");
        userWrites++;
        users.remove(userId);
    }

    @Override
    public synchronized Stored<OAuth2Token> loadOAuth2User(MattermostSession asUser) {
        failIfTold();
        OAuth2Token token = users.get(tokenOwner(asUser, "reading your OAuth2 token"));
        return token == null ? Stored.absent() : Stored.of(token);
    }

    private void failIfTold() {
        if (failure != null) {
            throw new MattermostException(failure);
        }
    }

    /** The session as the server knows it; a session it never issued is refused as the server refuses it. */
    private Session known(MattermostSession session, String doing) {
        Session known = sessions.get(session.token());
        if (known == null) {
            throw new MattermostException("Mattermost answered HTTP 401 when " + doing + " (the session was refused).");
        }
        return known;
    }

    /** The user of a session that may keep an OAuth2 token: the plugin rejects the bot's. */
    private String tokenOwner(MattermostSession session, String doing) {
        Session known = known(session, doing);
        if (known.role() == Role.BOT) {
            throw forbidden(doing);
        }
        return known.userId();
    }

    private static MattermostException forbidden(String doing) {
        return new MattermostException("Mattermost answered HTTP 403 when " + doing + " (not allowed for this user).");
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
        return Optional.ofNullable(users.get(userOf(sessionToken)));
    }

    /** Stores a token for the user of this session token as if an earlier call had (e.g. another replica's renewal). */
    public synchronized void putUser(String sessionToken, OAuth2Token token) {
        users.put(userOf(sessionToken), token);
    }

    public synchronized int userWrites() {
        return userWrites;
    }

    private String userOf(String sessionToken) {
        Session session = sessions.get(sessionToken);
        if (session == null) {
            throw new IllegalStateException("the test never issued this session: call userSession(...) first");
        }
        return session.userId();
    }
}
