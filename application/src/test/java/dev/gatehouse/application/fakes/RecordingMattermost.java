package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.SecretOwner;
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
import java.util.function.Supplier;

/**
 * In-memory fake of the Mattermost port: a front to an {@link InMemoryMattermostServer} (shared with
 * {@link InMemoryMattermostProvisioning} when a test wants one server behind both) that also records what was sent,
 * and keeps the Apps plugin's OAuth2 storage (PROTOCOL.md §6.1). Like the server it refuses sessions it never issued
 * (401), answers users with their roles and 404 for nobody, opens a dialog for a fresh trigger id whatever the session
 * (400 otherwise); like the plugin it stores the OAuth2 app only for a system admin and a user's token only for a user
 * (403 otherwise), per session user. {@link dev.gatehouse.application.contract.MattermostContract} holds it to the same
 * behaviour as the HTTP adapter.
 */
public final class RecordingMattermost implements Mattermost {

    public record DirectMessage(MattermostSession session, String botUserId, String userId, String message) {}

    public record StoredApp(MattermostSession session, SecretOwner owner, OAuth2ClientCredentials client) {}

    private final InMemoryMattermostServer server;
    private final List<DirectMessage> sent = new ArrayList<>();
    private final List<StoredApp> apps = new ArrayList<>();
    private final Map<String, OAuth2Token> users = new HashMap<>();
    /** Who each user's token was stored for; none for tokens put by a test. */
    private final Map<String, SecretOwner> owners = new HashMap<>();
    /** Users whose token reads back as sealed in an older format or under a previous key, until stored again. */
    private final java.util.Set<String> outdated = new java.util.HashSet<>();

    private int userWrites;

    public RecordingMattermost() {
        this(new InMemoryMattermostServer());
    }

    public RecordingMattermost(InMemoryMattermostServer server) {
        this.server = server;
    }

    /** The server behind this fake, for arranging users, trigger ids and settings, and reading what happened. */
    public InMemoryMattermostServer server() {
        return server;
    }

    /** The server issued {@code sessionToken} to the bot ({@code bot_access_token}). */
    public RecordingMattermost botSession(String sessionToken, String botUserId) {
        server.putUser(botUserId, "user-" + botUserId, false, true);
        server.addLogin(sessionToken, botUserId);
        return this;
    }

    /** The server issued {@code sessionToken} to {@code userId}, who is no system admin. */
    public RecordingMattermost userSession(String sessionToken, String userId) {
        server.putUser(userId, "user-" + userId, false, false);
        server.addLogin(sessionToken, userId);
        return this;
    }

    /** The server issued {@code sessionToken} to {@code userId}, a system admin (manage_system). */
    public RecordingMattermost adminSession(String sessionToken, String userId) {
        server.putUser(userId, "user-" + userId, true, false);
        server.addLogin(sessionToken, userId);
        return this;
    }

    @Override
    public synchronized void sendDirectMessage(
            MattermostSession asBot, String botUserId, String userId, String message) {
        String channelId =
                answer("opening the direct channel", () -> server.directChannel(asBot.token(), botUserId, userId));
        answer("posting the message", () -> {
            server.post(asBot.token(), channelId, message);
            return null;
        });
        sent.add(new DirectMessage(asBot, botUserId, userId, message));
    }

    @Override
    public MattermostUser user(MattermostSession session, String userId) {
        return answer("reading a user", () -> server.user(session.token(), userId));
    }

    @Override
    public void openDialog(MattermostSession asBot, Dialog dialog) {
        answer("opening the dialog", () -> {
            server.openDialog(dialog);
            return null;
        });
    }

    /** The dialogs opened, oldest first. */
    public List<Dialog> dialogs() {
        return server.dialogs().stream()
                .map(InMemoryMattermostServer.OpenedDialog::dialog)
                .toList();
    }

    @Override
    public synchronized void storeOAuth2App(
            MattermostSession asAdmin, SecretOwner owner, OAuth2ClientCredentials client) {
        String doing = "storing the OAuth2 client";
        if (!answer(doing, () -> server.me(asAdmin.token())).isSystemAdmin()) {
            throw forbidden(doing);
        }
        apps.add(new StoredApp(asAdmin, owner, client));
    }

    @Override
    public synchronized void storeOAuth2User(MattermostSession asUser, SecretOwner owner, OAuth2Token token) {
        String userId = tokenOwner(asUser, "storing your OAuth2 token");
        userWrites++;
        users.put(userId, token);
        owners.put(userId, owner);
        outdated.remove(userId);
    }

    @Override
    public synchronized void clearOAuth2User(MattermostSession asUser) {
        String userId = tokenOwner(asUser, "forgetting your OAuth2 token");
        userWrites++;
        users.remove(userId);
    }

    @Override
    public synchronized Stored<OAuth2Token> loadOAuth2User(MattermostSession asUser, SecretOwner owner) {
        String userId = tokenOwner(asUser, "reading your OAuth2 token");
        OAuth2Token token = users.get(userId);
        if (token == null) {
            return Stored.absent();
        }
        // as the adapter's sealing: a token stored for another owner does not open (putUser stores for anyone)
        SecretOwner storedFor = owners.get(userId);
        if (storedFor != null && !storedFor.equals(owner)) {
            return Stored.unreadable("sealed value failed authentication: it belongs to someone else");
        }
        return outdated.contains(userId) ? Stored.outdated(token) : Stored.of(token);
    }

    /** What the server answers, or its refusal in the words of the port; fails first when told to. */
    private <T> T answer(String doing, Supplier<T> request) {
        server.failIfTold();
        try {
            return request.get();
        } catch (InMemoryMattermostServer.Refused refused) {
            throw refused.asMattermostException(doing);
        }
    }

    /** The user of a session that may keep an OAuth2 token: the plugin rejects the bot's. */
    private String tokenOwner(MattermostSession session, String doing) {
        MattermostUser user = answer(doing, () -> server.me(session.token()));
        if (user.bot()) {
            throw forbidden(doing);
        }
        return user.id();
    }

    /** The Apps plugin's refusal: a 403 without an error id of Mattermost's. */
    private static MattermostException forbidden(String doing) {
        return new MattermostException(
                "Mattermost answered HTTP 403 when " + doing + " (not allowed for this user).", 403, null, null);
    }

    /** From now on every call fails with this message, as an unreachable server does; null heals. */
    public void failWith(String message) {
        server.failWith(message);
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
        owners.remove(userOf(sessionToken));
        outdated.remove(userOf(sessionToken));
    }

    /** As {@link #putUser}, as if sealed in an older format: it reads back {@link Stored#outdated}. */
    public synchronized void putOutdatedUser(String sessionToken, OAuth2Token token) {
        putUser(sessionToken, token);
        outdated.add(userOf(sessionToken));
    }

    /** Who the token of this session's user was last stored for by Gatehouse; empty when put by a test. */
    public synchronized Optional<SecretOwner> storedFor(String sessionToken) {
        return Optional.ofNullable(owners.get(userOf(sessionToken)));
    }

    public synchronized int userWrites() {
        return userWrites;
    }

    private String userOf(String sessionToken) {
        return server.userOfToken(sessionToken)
                .map(MattermostUser::id)
                .orElseThrow(() ->
                        new IllegalStateException("the test never issued this session: call userSession(...) first"));
    }
}
