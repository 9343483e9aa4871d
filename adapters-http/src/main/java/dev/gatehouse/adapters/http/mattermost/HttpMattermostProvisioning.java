package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.provisioning.CommandSpec;
import dev.gatehouse.domain.provisioning.CustomCommand;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The provisioning endpoints of Mattermost's REST API (CLASSIC.md §1, §3), as a system admin, over
 * {@link MattermostRest}: every request to the session's base URL (the installation's registered URL), failures a
 * {@link MattermostException} with Mattermost's status and error id, no token in any message. The admin's token is used
 * for the request at hand and kept nowhere.
 */
@Singleton
public final class HttpMattermostProvisioning implements MattermostProvisioning {

    /** What Gatehouse writes into a body with no content of its own ({@code enable}, {@code regen_token}). */
    private static final Map<String, Object> NO_CONTENT = Map.of();

    private final MattermostRest rest;

    HttpMattermostProvisioning(MattermostRest rest) {
        this.rest = rest;
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TeamJson(
            @Nullable String id,
            @Nullable String name,
            @JsonProperty("display_name") @Nullable String displayName) {}

    @Serdeable
    record NewBotJson(
            String username, @JsonProperty("display_name") String displayName, String description) {}

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BotJson(@JsonProperty("user_id") @Nullable String userId) {}

    @Serdeable
    record TokenDescriptionJson(String description) {}

    /** A user access token or a command as Mattermost issues it: the secret is not printed. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssuedJson(@Nullable String id, @Nullable String token) {
        @Override
        public String toString() {
            return "IssuedJson[id=" + id + ", token=redacted]";
        }
    }

    @Serdeable
    record TokenIdJson(@JsonProperty("token_id") String tokenId) {}

    @Serdeable
    record TeamMemberJson(
            @JsonProperty("team_id") String teamId,
            @JsonProperty("user_id") String userId) {}

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommandJson(
            @Nullable String id,
            @JsonProperty("team_id") @Nullable String teamId,
            @Nullable String trigger,
            @Nullable String url,
            @Nullable String method) {}

    @Serdeable
    record NewCommandJson(
            @JsonProperty("team_id") String teamId,
            String trigger,
            String method,
            String url,
            @JsonProperty("display_name") String displayName,
            String description,
            @JsonProperty("auto_complete") boolean autoComplete,
            @JsonProperty("auto_complete_desc") String autoCompleteDescription,
            @JsonProperty("auto_complete_hint") String autoCompleteHint) {}

    @Override
    public MattermostUser me(MattermostSession session) {
        return user("get_me", "reading the token's user", session, "me");
    }

    @Override
    public List<MattermostTeam> teamsOf(MattermostSession admin) {
        String doing = "listing the admin's teams";
        return rest
                .read(
                        "get_teams",
                        doing,
                        HttpRequest.GET(admin.baseUrl().resolve("/api/v4/users/me/teams")),
                        admin,
                        Argument.listOf(TeamJson.class))
                .stream()
                .map(team -> {
                    if (team == null || team.id() == null || team.id().isBlank()) {
                        throw rest.invalidAnswer("get_teams", doing);
                    }
                    return new MattermostTeam(team.id(), team.name(), team.displayName());
                })
                .toList();
    }

    /**
     * Reads each setting at its path in the config ({@code ServiceSettings.EnableCommands}). A setting the config
     * does not show counts as off: Mattermost leaves out what the admin's permissions do not let them read, and
     * provisioning then names it rather than assuming it is on.
     */
    @Override
    public Set<ServerSetting> settingsOff(MattermostSession admin) {
        Map<String, Object> config = rest.read(
                "get_config",
                "reading the server's configuration",
                HttpRequest.GET(admin.baseUrl().resolve("/api/v4/config")),
                admin,
                Argument.mapOf(String.class, Object.class));
        Set<ServerSetting> off = EnumSet.noneOf(ServerSetting.class);
        for (ServerSetting setting : ServerSetting.values()) {
            if (!Boolean.TRUE.equals(valueAt(config, setting.configPath()))) {
                off.add(setting);
            }
        }
        return off;
    }

    /** A patch holding only these settings, each {@code true}: Mattermost leaves every other key as it is. */
    @Override
    public void enable(MattermostSession admin, Set<ServerSetting> settings) {
        if (settings.isEmpty()) {
            return;
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        for (ServerSetting setting : settings) {
            put(patch, setting.configPath(), Boolean.TRUE);
        }
        rest.send(
                "patch_config",
                "turning on "
                        + settings.stream()
                                .map(ServerSetting::configPath)
                                .sorted()
                                .toList(),
                HttpRequest.PUT(admin.baseUrl().resolve("/api/v4/config/patch"), patch),
                admin);
    }

    @Override
    public Optional<MattermostUser> userByUsername(MattermostSession admin, String username) {
        String doing = "looking up the user " + username;
        return rest.readIfFound(
                        "get_user_by_username",
                        doing,
                        HttpRequest.GET(
                                admin.baseUrl().resolve("/api/v4/users/username/" + MattermostRest.segment(username))),
                        admin,
                        Argument.of(MattermostUserJson.class))
                .map(json -> json.toUser().orElseThrow(() -> rest.invalidAnswer("get_user_by_username", doing)));
    }

    @Override
    public String createBot(MattermostSession admin, String username, String displayName, String description) {
        String doing = "creating the bot " + username;
        BotJson bot = rest.read(
                "create_bot",
                doing,
                HttpRequest.POST(
                        admin.baseUrl().resolve("/api/v4/bots"), new NewBotJson(username, displayName, description)),
                admin,
                Argument.of(BotJson.class));
        if (bot.userId() == null || bot.userId().isBlank()) {
            throw rest.invalidAnswer("create_bot", doing);
        }
        return bot.userId();
    }

    @Override
    public void enableBot(MattermostSession admin, String botUserId) {
        rest.send(
                "enable_bot",
                "enabling the bot",
                HttpRequest.POST(
                        admin.baseUrl().resolve("/api/v4/bots/" + MattermostRest.segment(botUserId) + "/enable"),
                        NO_CONTENT),
                admin);
    }

    @Override
    public IssuedToken createUserAccessToken(MattermostSession admin, String userId, String description) {
        String doing = "creating an access token";
        IssuedJson issued = rest.read(
                "create_user_access_token",
                doing,
                HttpRequest.POST(
                        admin.baseUrl().resolve("/api/v4/users/" + MattermostRest.segment(userId) + "/tokens"),
                        new TokenDescriptionJson(description)),
                admin,
                Argument.of(IssuedJson.class));
        return issued(issued, "create_user_access_token", doing);
    }

    @Override
    public void revokeUserAccessToken(MattermostSession admin, String tokenId) {
        rest.send(
                "revoke_user_access_token",
                "revoking an access token",
                HttpRequest.POST(admin.baseUrl().resolve("/api/v4/users/tokens/revoke"), new TokenIdJson(tokenId)),
                admin);
    }

    /** Mattermost answers 201 with the existing membership when the user is in the team already (JoinUserToTeam). */
    @Override
    public void addToTeam(MattermostSession admin, String teamId, String userId) {
        rest.send(
                "add_team_member",
                "adding a user to a team",
                HttpRequest.POST(
                        admin.baseUrl().resolve("/api/v4/teams/" + MattermostRest.segment(teamId) + "/members"),
                        new TeamMemberJson(teamId, userId)),
                admin);
    }

    @Override
    public List<CustomCommand> customCommands(MattermostSession admin, String teamId) {
        String doing = "listing the team's slash commands";
        return rest
                .read(
                        "list_commands",
                        doing,
                        HttpRequest.GET(admin.baseUrl()
                                .resolve("/api/v4/commands?team_id=" + MattermostRest.segment(teamId)
                                        + "&custom_only=true")),
                        admin,
                        Argument.listOf(CommandJson.class))
                .stream()
                .map(command -> {
                    if (command == null || command.id() == null || command.id().isBlank()) {
                        throw rest.invalidAnswer("list_commands", doing);
                    }
                    return new CustomCommand(
                            command.id(), command.teamId(), command.trigger(), command.url(), command.method());
                })
                .toList();
    }

    @Override
    public IssuedToken createCommand(MattermostSession admin, CommandSpec command) {
        String doing = "creating the slash command /" + command.trigger();
        IssuedJson created = rest.read(
                "create_command",
                doing,
                HttpRequest.POST(
                        admin.baseUrl().resolve("/api/v4/commands"),
                        new NewCommandJson(
                                command.teamId(),
                                command.trigger(),
                                "P",
                                command.url(),
                                command.displayName(),
                                command.description(),
                                true,
                                command.autocompleteDescription(),
                                command.autocompleteHint())),
                admin,
                Argument.of(IssuedJson.class));
        return issued(created, "create_command", doing);
    }

    @Override
    public String regenerateCommandToken(MattermostSession admin, String commandId) {
        String doing = "regenerating the slash command's token";
        IssuedJson regenerated = rest.read(
                "regen_command_token",
                doing,
                HttpRequest.PUT(
                        admin.baseUrl()
                                .resolve("/api/v4/commands/" + MattermostRest.segment(commandId) + "/regen_token"),
                        NO_CONTENT),
                admin,
                Argument.of(IssuedJson.class));
        if (regenerated.token() == null || regenerated.token().isBlank()) {
            throw rest.invalidAnswer("regen_command_token", doing);
        }
        return regenerated.token();
    }

    private MattermostUser user(String operation, String doing, MattermostSession session, String userId) {
        return rest.read(
                        operation,
                        doing,
                        HttpRequest.GET(session.baseUrl().resolve("/api/v4/users/" + MattermostRest.segment(userId))),
                        session,
                        Argument.of(MattermostUserJson.class))
                .toUser()
                .orElseThrow(() -> rest.invalidAnswer(operation, doing));
    }

    private IssuedToken issued(IssuedJson json, String operation, String doing) {
        if (json.id() == null
                || json.id().isBlank()
                || json.token() == null
                || json.token().isBlank()) {
            throw rest.invalidAnswer(operation, doing);
        }
        return new IssuedToken(json.id(), json.token());
    }

    private static Object valueAt(Map<String, Object> config, String path) {
        Object value = config;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> patch, String path, Object value) {
        String[] keys = path.split("\\.");
        Map<String, Object> at = patch;
        for (int i = 0; i < keys.length - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(keys[i], key -> new LinkedHashMap<String, Object>());
        }
        at.put(keys[keys.length - 1], Objects.requireNonNull(value));
    }
}
