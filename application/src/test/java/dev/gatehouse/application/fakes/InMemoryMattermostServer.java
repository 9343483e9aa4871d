package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Mattermost server without the Apps plugin, in memory, as far as Gatehouse talks to it (CLASSIC.md §1): users and
 * their roles, sessions (logins and user access tokens), teams and memberships, bots, custom slash commands per team,
 * the three settings of {@link ServerSetting} as a stock server has them, trigger ids and the dialogs opened with them,
 * direct channels and posts. Each operation takes the bearer token of the request and answers as Mattermost's server
 * source does ({@code api4/*.go}, {@code app/session.go}); a refusal is a {@link Refused} with Mattermost's status and
 * error id.
 *
 * <p>The in-memory ports ({@link RecordingMattermost}, {@link InMemoryMattermostProvisioning}) and adapters-http's
 * {@code FakeClassicMattermost} (this server behind real HTTP) are fronts to it, so they cannot disagree, and the
 * port contracts hold the HTTP adapters to the same answers.
 */
public final class InMemoryMattermostServer {

    // Mattermost's error ids, as its source spells them.
    public static final String SESSION_EXPIRED = "api.context.session_expired.app_error";
    public static final String NO_PERMISSION = "api.context.permissions.app_error";
    public static final String INVALID_PARAM = "api.context.invalid_param.app_error";
    /** {@code api4/bot.go} createBot, 403. */
    public static final String BOT_CREATION_DISABLED = "api.bot.create_disabled";
    /**
     * {@code app/session.go} CreateUserAccessToken, 501, for a user who is no bot; bots get tokens whatever the
     * setting (and their tokens stay sessions).
     */
    public static final String ACCESS_TOKENS_DISABLED = "app.user_access_token.disabled";
    /** {@code app/command.go}, 501, for listing and creating commands while custom slash commands are off. */
    public static final String COMMANDS_DISABLED = "api.command.disabled.app_error";

    public static final String DUPLICATE_TRIGGER = "api.command.duplicate_trigger.app_error";
    public static final String COMMAND_NOT_FOUND = "store.sql_command.save.get.app_error";
    public static final String MISSING_ACCOUNT = "app.user.missing_account.const";
    public static final String USERNAME_EXISTS = "app.user.save.username_exists.app_error";
    public static final String BOT_NOT_FOUND = "store.sql_bot.get.missing.app_error";
    public static final String ACCESS_TOKEN_NOT_FOUND = "app.user_access_token.get_by_user.app_error";
    public static final String TEAM_NOT_FOUND = "app.team.get.find.app_error";
    public static final String TRIGGER_EXPIRED = "interactive_message.decode_trigger_id.expired";
    /** A trigger id this server did not sign (Mattermost checks an ECDSA signature). */
    public static final String TRIGGER_NOT_SIGNED = "interactive_message.decode_trigger_id.verify_signature_failed";

    /**
     * How long a trigger id opens a dialog: {@code ServiceSettings.OutgoingIntegrationRequestsTimeout}, 30 s by default
     * on current servers (older ones had a fixed 3 s).
     */
    public static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(30);

    private static final String SYSTEM_USER = "system_user";
    private static final String SYSTEM_ADMIN_ROLES = "system_user system_admin";
    /** The alphabet of Mattermost's {@code model.NewId()}: 26 characters of base32, all {@code [a-z0-9]}. */
    private static final char[] ID_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Mattermost refused the request: its HTTP status and error id. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String id;

        public Refused(int status, String id) {
            super("HTTP " + status + " " + id);
            this.status = status;
            this.id = id;
        }

        public int status() {
            return status;
        }

        public String id() {
            return id;
        }

        /** As a port reports it: in words, with Mattermost's status and id. */
        public MattermostException asMattermostException(String doing) {
            return new MattermostException(
                    "Mattermost answered HTTP " + status + " (" + id + ") when " + doing + ".", status, id, null);
        }
    }

    public record Bot(
            String userId, String username, String displayName, String description, String ownerId, boolean enabled) {}

    /** A user access token; the token itself is not printed. */
    public record AccessToken(String id, String userId, String description, String token) {
        @Override
        public String toString() {
            return "AccessToken[id=" + id + ", userId=" + userId + ", description=" + description + ", token=redacted]";
        }
    }

    /** What {@code POST /api/v4/commands} is given. */
    public record CommandRequest(
            String teamId,
            String trigger,
            String method,
            String url,
            String displayName,
            String description,
            boolean autocomplete,
            String autocompleteDescription,
            String autocompleteHint) {}

    /** A custom slash command of one team; the token is not printed. */
    public record Command(String id, String creatorId, CommandRequest request, String token) {
        public String teamId() {
            return request.teamId();
        }

        public String trigger() {
            return request.trigger();
        }

        public String url() {
            return request.url();
        }

        @Override
        public String toString() {
            return "Command[id=" + id + ", teamId=" + teamId() + ", trigger=" + trigger() + ", url=" + url()
                    + ", token=redacted]";
        }
    }

    public record Post(String userId, String channelId, String message) {}

    /** A dialog Mattermost showed to {@code userId}, the user whose command gave the trigger id. */
    public record OpenedDialog(String userId, Dialog dialog) {}

    private static final class User {
        final String id;
        String username;
        String roles;
        final boolean bot;
        boolean active = true;
        String displayName = "";
        String description = "";
        String ownerId = "";

        User(String id, String username, String roles, boolean bot) {
            this.id = id;
            this.username = username;
            this.roles = roles;
            this.bot = bot;
        }

        boolean systemAdmin() {
            return new ActingUser(id, username, roles).isSystemAdmin();
        }

        MattermostUser view() {
            return new MattermostUser(id, username, roles, bot);
        }
    }

    private record Trigger(String userId, Instant issuedAt) {}

    private final Clock clock;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, String> logins = new LinkedHashMap<>();
    private final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    private final Map<String, MattermostTeam> teams = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Set<ServerSetting> on = EnumSet.of(ServerSetting.ENABLE_COMMANDS);
    private final Map<ServerSetting, Boolean> managedByEnvironment = new EnumMap<>(ServerSetting.class);
    private final Map<String, Trigger> triggers = new LinkedHashMap<>();
    private final List<OpenedDialog> dialogs = new ArrayList<>();
    /** Direct channels by the pair of users in them. */
    private final Map<Set<String>, String> directChannels = new LinkedHashMap<>();

    private final List<Post> posts = new ArrayList<>();
    private volatile String failure;

    public InMemoryMattermostServer() {
        this(Clock.systemUTC());
    }

    /** Trigger ids expire on this clock. */
    public InMemoryMattermostServer(Clock clock) {
        this.clock = clock;
    }

    /** A fresh id as Mattermost makes them ({@code model.NewId()}): 26 characters of {@code [a-z0-9]}. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                id.append(ID_ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        id.append(ID_ALPHABET[(buffer << (5 - bits)) & 31]);
        return id.toString();
    }

    // ---- failure, as an unreachable or broken server ----

    /** From now on every operation fails with this message, as an unreachable server does; null heals. */
    public void failWith(String message) {
        this.failure = message;
    }

    /** The failure set by {@link #failWith}, if any. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Throws the failure set by {@link #failWith}, if any: every front calls this first. */
    public void failIfTold() {
        String message = failure;
        if (message != null) {
            throw new MattermostException(message);
        }
    }

    // ---- the REST API, one method per endpoint; token = the request's bearer token ----

    /** {@code GET /api/v4/users/me}. */
    public synchronized MattermostUser me(String token) {
        return sessionUser(token).view();
    }

    /** {@code GET /api/v4/users/{id}}, {@code me} for the session's own user. */
    public synchronized MattermostUser user(String token, String userId) {
        User asking = sessionUser(token);
        String id = "me".equals(userId) ? asking.id : userId;
        User user = users.get(id);
        if (user == null) {
            throw new Refused(404, MISSING_ACCOUNT);
        }
        return user.view();
    }

    /** {@code GET /api/v4/users/username/{username}}: 404 when nobody has it. */
    public synchronized MattermostUser userByUsername(String token, String username) {
        sessionUser(token);
        return users.values().stream()
                .filter(user -> user.username.equals(username))
                .findFirst()
                .map(User::view)
                .orElseThrow(() -> new Refused(404, MISSING_ACCOUNT));
    }

    /** {@code GET /api/v4/users/me/teams}. */
    public synchronized List<MattermostTeam> teamsOf(String token) {
        User user = sessionUser(token);
        return teams.values().stream()
                .filter(team -> members.get(team.id()).contains(user.id))
                .toList();
    }

    /** {@code GET /api/v4/config}: the three settings, for system admins. */
    public synchronized Map<ServerSetting, Boolean> config(String token) {
        requireAdmin(sessionUser(token));
        Map<ServerSetting, Boolean> config = new EnumMap<>(ServerSetting.class);
        for (ServerSetting setting : ServerSetting.values()) {
            config.put(setting, isOn(setting));
        }
        return config;
    }

    /**
     * {@code PUT /api/v4/config/patch}: the settings named change, the others stay; one set by an environment variable
     * keeps that value whatever is saved (Mattermost applies environment overrides over the stored config).
     */
    public synchronized Map<ServerSetting, Boolean> patchConfig(String token, Map<ServerSetting, Boolean> patch) {
        requireAdmin(sessionUser(token));
        patch.forEach(this::set);
        return config(token);
    }

    /** {@code POST /api/v4/bots}, owned by the session's user. */
    public synchronized Bot createBot(String token, String username, String displayName, String description) {
        User owner = sessionUser(token);
        if (!owner.systemAdmin() || owner.bot) { // create_bot is a system admin permission on a stock server
            throw new Refused(403, NO_PERMISSION);
        }
        if (!isOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION)) {
            throw new Refused(403, BOT_CREATION_DISABLED);
        }
        if (username == null || !username.matches("[a-z0-9._-]{1,64}")) {
            throw new Refused(400, INVALID_PARAM);
        }
        if (users.values().stream().anyMatch(user -> user.username.equals(username))) {
            throw new Refused(400, USERNAME_EXISTS);
        }
        User bot = new User(newId(), username, SYSTEM_USER, true);
        bot.displayName = displayName == null ? "" : displayName;
        bot.description = description == null ? "" : description;
        bot.ownerId = owner.id;
        users.put(bot.id, bot);
        return botView(bot);
    }

    /** {@code POST /api/v4/bots/{id}/enable}. */
    public synchronized Bot enableBot(String token, String botUserId) {
        requireAdmin(sessionUser(token));
        User bot = users.get(botUserId);
        if (bot == null || !bot.bot) {
            throw new Refused(404, BOT_NOT_FOUND);
        }
        bot.active = true;
        return botView(bot);
    }

    /**
     * {@code POST /api/v4/users/{id}/tokens}. A system admin may make one for anybody; while user access tokens are
     * off only a bot gets one ({@code app/session.go}).
     */
    public synchronized AccessToken createAccessToken(String token, String userId, String description) {
        User asking = sessionUser(token);
        User user = users.get(userId);
        if (user == null) {
            throw new Refused(404, MISSING_ACCOUNT);
        }
        if (description == null || description.isBlank()) {
            throw new Refused(400, INVALID_PARAM);
        }
        if (!asking.systemAdmin()) { // create_user_access_token is a system admin permission on a stock server
            throw new Refused(403, NO_PERMISSION);
        }
        if (!isOn(ServerSetting.ENABLE_USER_ACCESS_TOKENS) && !user.bot) {
            throw new Refused(501, ACCESS_TOKENS_DISABLED);
        }
        return issueAccessToken(user.id, description);
    }

    /** {@code POST /api/v4/users/tokens/revoke}: the token and every session made from it end. */
    public synchronized void revokeAccessToken(String token, String tokenId) {
        requireAdmin(sessionUser(token));
        if (accessTokens.remove(tokenId) == null) {
            throw new Refused(404, ACCESS_TOKEN_NOT_FOUND);
        }
    }

    /**
     * {@code POST /api/v4/teams/{id}/members}: a system admin, or a member of the team (add_user_to_team is a team
     * user permission). A user in the team already is answered like a new one ({@code app.JoinUserToTeam}).
     */
    public synchronized void addMember(String token, String teamId, String userId) {
        User asking = sessionUser(token);
        Set<String> team = members.get(teamId);
        if (team == null) {
            throw new Refused(404, TEAM_NOT_FOUND);
        }
        if (!asking.systemAdmin() && !team.contains(asking.id)) {
            throw new Refused(403, NO_PERMISSION);
        }
        if (!users.containsKey(userId)) {
            throw new Refused(404, MISSING_ACCOUNT);
        }
        team.add(userId);
    }

    /** {@code GET /api/v4/commands?team_id=&custom_only=true}. */
    public synchronized List<Command> commands(String token, String teamId) {
        User asking = sessionUser(token);
        requireManagesCommands(asking, teamId);
        return commandsOf(teamId);
    }

    /** {@code POST /api/v4/commands}: the command with its new token. */
    public synchronized Command createCommand(String token, CommandRequest request) {
        User asking = sessionUser(token);
        requireManagesCommands(asking, request.teamId());
        if (!members.containsKey(request.teamId())) { // the server would save it for any well-formed id; stricter here
            throw new Refused(404, TEAM_NOT_FOUND);
        }
        if (request.trigger() == null
                || request.trigger().isBlank()
                || request.trigger().contains(" ")) {
            throw new Refused(400, "model.command.is_valid.trigger.app_error");
        }
        if (!"P".equals(request.method()) && !"G".equals(request.method())) {
            throw new Refused(400, "model.command.is_valid.method.app_error");
        }
        if (request.url() == null || !request.url().matches("https?://.+")) {
            throw new Refused(400, "model.command.is_valid.url.app_error");
        }
        String trigger = request.trigger().toLowerCase();
        if (commandsOf(request.teamId()).stream()
                .anyMatch(command -> command.trigger().equals(trigger))) {
            throw new Refused(400, DUPLICATE_TRIGGER);
        }
        Command command = new Command(
                newId(),
                asking.id,
                new CommandRequest(
                        request.teamId(),
                        trigger,
                        request.method(),
                        request.url(),
                        request.displayName(),
                        request.description(),
                        request.autocomplete(),
                        request.autocompleteDescription(),
                        request.autocompleteHint()),
                newId());
        commands.put(command.id(), command);
        return command;
    }

    /**
     * {@code PUT /api/v4/commands/{id}/regen_token}: the new token; the old one stops matching. api4 answers 404 for
     * any failure to read the command: one the caller may not manage, and every command while commands are off.
     */
    public synchronized String regenerateCommandToken(String token, String commandId) {
        User asking = sessionUser(token);
        Command command = commands.get(commandId);
        if (command == null || !asking.systemAdmin() || !isOn(ServerSetting.ENABLE_COMMANDS)) {
            throw new Refused(404, COMMAND_NOT_FOUND);
        }
        Command regenerated = new Command(command.id(), command.creatorId(), command.request(), newId());
        commands.put(commandId, regenerated);
        return regenerated.token();
    }

    /**
     * {@code POST /api/v4/actions/dialogs/open}. It needs no session (api4 serves it with {@code APIHandler}): the
     * trigger id, signed by the server and short-lived, names the user and is all that is checked.
     */
    public synchronized void openDialog(Dialog dialog) {
        Trigger trigger = triggers.get(dialog.triggerId());
        if (trigger == null) {
            throw new Refused(400, TRIGGER_NOT_SIGNED);
        }
        if (Duration.between(trigger.issuedAt(), clock.instant()).compareTo(TRIGGER_LIFETIME) > 0) {
            throw new Refused(400, TRIGGER_EXPIRED);
        }
        if (dialog.url().isBlank()) {
            throw new Refused(400, INVALID_PARAM);
        }
        dialogs.add(new OpenedDialog(trigger.userId(), dialog));
    }

    /** {@code POST /api/v4/channels/direct}: the session's user must be one of the two. Same pair, same channel. */
    public synchronized String directChannel(String token, String userId, String otherUserId) {
        User asking = sessionUser(token);
        if (!asking.id.equals(userId) && !asking.id.equals(otherUserId) && !asking.systemAdmin()) {
            throw new Refused(403, NO_PERMISSION);
        }
        return directChannels.computeIfAbsent(pair(userId, otherUserId), key -> newId());
    }

    /** {@code POST /api/v4/posts}: only in a direct channel the session's user is in. */
    public synchronized void post(String token, String channelId, String message) {
        User author = sessionUser(token);
        boolean member = directChannels.entrySet().stream()
                .anyMatch(channel ->
                        channel.getValue().equals(channelId) && channel.getKey().contains(author.id));
        if (!member) {
            throw new Refused(403, NO_PERMISSION);
        }
        posts.add(new Post(author.id, channelId, message));
    }

    // ---- test helpers: arrange ----

    public synchronized MattermostTeam addTeam(String name) {
        MattermostTeam team =
                new MattermostTeam(newId(), name, Character.toUpperCase(name.charAt(0)) + name.substring(1));
        teams.put(team.id(), team);
        members.put(team.id(), new LinkedHashSet<>());
        return team;
    }

    /** A user who is no system admin. */
    public synchronized MattermostUser addUser(String username) {
        return putUser(newId(), username, false, false);
    }

    /** A system admin. */
    public synchronized MattermostUser addAdmin(String username) {
        return putUser(newId(), username, true, false);
    }

    /**
     * The user with this id, created or updated: a test that names its users. Roles follow {@code systemAdmin}, as when
     * an admin changes them.
     */
    public synchronized MattermostUser putUser(String id, String username, boolean systemAdmin, boolean bot) {
        User user = users.get(id);
        if (user == null) {
            user = new User(id, username, systemAdmin ? SYSTEM_ADMIN_ROLES : SYSTEM_USER, bot);
            users.put(id, user);
        } else {
            user.username = username;
            user.roles = systemAdmin ? SYSTEM_ADMIN_ROLES : SYSTEM_USER;
        }
        return user.view();
    }

    /** A fresh login session of the user (what {@code POST /api/v4/users/login} answers in its Token header). */
    public synchronized String login(String userId) {
        String token = newId();
        addLogin(token, userId);
        return token;
    }

    /** A login session with a token the test chose. */
    public synchronized void addLogin(String token, String userId) {
        if (!users.containsKey(userId)) {
            throw new IllegalStateException("no user " + userId + ": add the user first");
        }
        logins.put(token, userId);
    }

    /** A user access token of the user, as if made while the setting allowed it (it may be refused now). */
    public synchronized AccessToken personalAccessToken(String userId) {
        if (!users.containsKey(userId)) {
            throw new IllegalStateException("no user " + userId + ": add the user first");
        }
        return issueAccessToken(userId, "made by the test");
    }

    public synchronized void join(String teamId, String userId) {
        members.get(teamId).add(userId);
    }

    public synchronized void turnOn(ServerSetting... settings) {
        for (ServerSetting setting : settings) {
            set(setting, true);
        }
    }

    public synchronized void turnOff(ServerSetting... settings) {
        for (ServerSetting setting : settings) {
            set(setting, false);
        }
    }

    /** The setting is fixed by its environment variable: saving the config does not change it. */
    public synchronized void managedByEnvironment(ServerSetting setting, boolean value) {
        managedByEnvironment.put(setting, value);
    }

    /** Deactivates the bot (System Console → Bot Accounts → Disable): its tokens stop working until it is enabled. */
    public synchronized void disableBot(String botUserId) {
        User bot = users.get(botUserId);
        if (bot == null || !bot.bot) {
            throw new IllegalStateException("no bot " + botUserId);
        }
        bot.active = false;
    }

    /** A command an admin made by hand in the System Console. */
    public synchronized Command addCommand(String teamId, String trigger, String url) {
        Command command = new Command(
                newId(), "", new CommandRequest(teamId, trigger, "P", url, trigger, "", false, "", ""), newId());
        commands.put(command.id(), command);
        return command;
    }

    /**
     * A trigger id as Mattermost puts in a slash command request of the user: base64 of client id, user id, time and
     * signature, valid for {@link #TRIGGER_LIFETIME}.
     */
    public synchronized String issueTrigger(String userId) {
        Instant now = clock.instant();
        byte[] signature = new byte[48];
        RANDOM.nextBytes(signature);
        String triggerId = Base64.getEncoder()
                .encodeToString((newId() + ":" + userId + ":" + now.toEpochMilli() + ":"
                                + Base64.getEncoder().encodeToString(signature))
                        .getBytes(StandardCharsets.UTF_8));
        triggers.put(triggerId, new Trigger(userId, now));
        return triggerId;
    }

    /** The trigger id is as old as a slash command from before the trigger lifetime. */
    public synchronized void expireTrigger(String triggerId) {
        Trigger trigger = triggers.get(triggerId);
        triggers.put(triggerId, new Trigger(trigger.userId(), clock.instant().minus(TRIGGER_LIFETIME.plusSeconds(1))));
    }

    // ---- test helpers: read what was done ----

    public synchronized boolean isOn(ServerSetting setting) {
        return managedByEnvironment.getOrDefault(setting, on.contains(setting));
    }

    public synchronized List<MattermostTeam> teams() {
        return List.copyOf(teams.values());
    }

    public synchronized Optional<MattermostUser> userWithId(String userId) {
        return Optional.ofNullable(users.get(userId)).map(User::view);
    }

    public synchronized Optional<MattermostUser> userNamed(String username) {
        return users.values().stream()
                .filter(user -> user.username.equals(username))
                .findFirst()
                .map(User::view);
    }

    /** Whom this token is a working session of now, if anybody (the same check as every request). */
    public synchronized Optional<MattermostUser> userOfToken(String token) {
        try {
            return Optional.of(sessionUser(token).view());
        } catch (Refused refused) {
            return Optional.empty();
        }
    }

    public synchronized List<Bot> bots() {
        return users.values().stream()
                .filter(user -> user.bot)
                .map(InMemoryMattermostServer::botView)
                .toList();
    }

    /** The user access tokens of the user not revoked, oldest first. */
    public synchronized List<AccessToken> accessTokens(String userId) {
        return accessTokens.values().stream()
                .filter(token -> token.userId().equals(userId))
                .toList();
    }

    public synchronized List<Command> commandsOf(String teamId) {
        return commands.values().stream()
                .filter(command -> command.teamId().equals(teamId))
                .toList();
    }

    public synchronized Set<String> members(String teamId) {
        return Set.copyOf(members.get(teamId));
    }

    public synchronized List<OpenedDialog> dialogs() {
        return List.copyOf(dialogs);
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The messages {@code fromUserId} posted in their direct channel with {@code toUserId}, oldest first. */
    public synchronized List<String> directMessages(String fromUserId, String toUserId) {
        String channelId = directChannels.get(pair(fromUserId, toUserId));
        return posts.stream()
                .filter(post ->
                        post.channelId().equals(channelId) && post.userId().equals(fromUserId))
                .map(Post::message)
                .toList();
    }

    // ---- how the server decides ----

    /**
     * The user a bearer token is a session of ({@code app.GetSession}): a login, or a user access token that is not
     * revoked, whose user is active, and — unless the user is a bot — while user access tokens are on.
     */
    private User sessionUser(String token) {
        if (token == null || token.isBlank()) {
            throw new Refused(401, SESSION_EXPIRED);
        }
        String loggedIn = logins.get(token);
        User user;
        if (loggedIn != null) {
            user = users.get(loggedIn);
        } else {
            AccessToken accessToken = accessTokens.values().stream()
                    .filter(candidate -> candidate.token().equals(token))
                    .findFirst()
                    .orElseThrow(() -> new Refused(401, SESSION_EXPIRED));
            user = users.get(accessToken.userId());
            if (!user.bot && !isOn(ServerSetting.ENABLE_USER_ACCESS_TOKENS)) {
                throw new Refused(401, SESSION_EXPIRED);
            }
        }
        if (!user.active) {
            throw new Refused(401, SESSION_EXPIRED);
        }
        return user;
    }

    private static void requireAdmin(User user) {
        if (!user.systemAdmin()) {
            throw new Refused(403, NO_PERMISSION);
        }
    }

    /** manage_own_slash_commands is a system admin permission on a stock server; the setting is checked after it. */
    private void requireManagesCommands(User user, String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw new Refused(400, INVALID_PARAM);
        }
        requireAdmin(user);
        if (!isOn(ServerSetting.ENABLE_COMMANDS)) {
            throw new Refused(501, COMMANDS_DISABLED);
        }
    }

    private void set(ServerSetting setting, boolean value) {
        if (value) {
            on.add(setting);
        } else {
            on.remove(setting);
        }
    }

    private AccessToken issueAccessToken(String userId, String description) {
        AccessToken token = new AccessToken(newId(), userId, description, newId());
        accessTokens.put(token.id(), token);
        return token;
    }

    /** The two users of a direct channel, in either order (a user's channel with themselves is a pair of one). */
    private static Set<String> pair(String userId, String otherUserId) {
        return Set.copyOf(new TreeSet<>(List.of(userId, otherUserId)));
    }

    private static Bot botView(User bot) {
        return new Bot(bot.id, bot.username, bot.displayName, bot.description, bot.ownerId, bot.active);
    }
}
