package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.provisioning.CommandSpec;
import dev.gatehouse.domain.provisioning.CustomCommand;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The provisioning port on an {@link InMemoryMattermostServer} (shared with {@link RecordingMattermost} when a test wants
 * one server behind both): every answer and refusal is the server's, reported as the HTTP adapter reports it.
 * {@link dev.gatehouse.application.contract.MattermostProvisioningContract} holds both to the same behaviour.
 */
public final class InMemoryMattermostProvisioning implements MattermostProvisioning {

    private final InMemoryMattermostServer server;

    public InMemoryMattermostProvisioning() {
        this(new InMemoryMattermostServer());
    }

    public InMemoryMattermostProvisioning(InMemoryMattermostServer server) {
        this.server = server;
    }

    /** The server behind this fake, for arranging teams, users and settings, and reading what was created. */
    public InMemoryMattermostServer server() {
        return server;
    }

    @Override
    public MattermostUser me(MattermostSession session) {
        return answer("reading the token's user", () -> server.me(session.token()));
    }

    @Override
    public List<MattermostTeam> teamsOf(MattermostSession admin) {
        return answer("listing the admin's teams", () -> server.teamsOf(admin.token()));
    }

    @Override
    public Set<ServerSetting> settingsOff(MattermostSession admin) {
        Map<ServerSetting, Boolean> config =
                answer("reading the server's configuration", () -> server.config(admin.token()));
        Set<ServerSetting> off = EnumSet.noneOf(ServerSetting.class);
        config.forEach((setting, on) -> {
            if (!on) {
                off.add(setting);
            }
        });
        return off;
    }

    @Override
    public void enable(MattermostSession admin, Set<ServerSetting> settings) {
        if (settings.isEmpty()) {
            return;
        }
        Map<ServerSetting, Boolean> patch = new EnumMap<>(ServerSetting.class);
        settings.forEach(setting -> patch.put(setting, true));
        answer("turning on " + settings, () -> server.patchConfig(admin.token(), patch));
    }

    @Override
    public Optional<MattermostUser> userByUsername(MattermostSession admin, String username) {
        server.failIfTold();
        try {
            return Optional.of(server.userByUsername(admin.token(), username));
        } catch (InMemoryMattermostServer.Refused refused) {
            if (refused.status() == 404) {
                return Optional.empty();
            }
            throw refused.asMattermostException("looking up the user " + username);
        }
    }

    @Override
    public String createBot(MattermostSession admin, String username, String displayName, String description) {
        return answer(
                        "creating the bot " + username,
                        () -> server.createBot(admin.token(), username, displayName, description))
                .userId();
    }

    @Override
    public void enableBot(MattermostSession admin, String botUserId) {
        answer("enabling the bot", () -> server.enableBot(admin.token(), botUserId));
    }

    @Override
    public IssuedToken createUserAccessToken(MattermostSession admin, String userId, String description) {
        InMemoryMattermostServer.AccessToken token =
                answer("creating an access token", () -> server.createAccessToken(admin.token(), userId, description));
        return new IssuedToken(token.id(), token.token());
    }

    @Override
    public void revokeUserAccessToken(MattermostSession admin, String tokenId) {
        answer("revoking an access token", () -> {
            server.revokeAccessToken(admin.token(), tokenId);
            return null;
        });
    }

    @Override
    public void addToTeam(MattermostSession admin, String teamId, String userId) {
        answer("adding a user to a team", () -> {
            server.addMember(admin.token(), teamId, userId);
            return null;
        });
    }

    @Override
    public List<CustomCommand> customCommands(MattermostSession admin, String teamId) {
        return answer("listing the team's slash commands", () -> server.commands(admin.token(), teamId)).stream()
                .map(command -> new CustomCommand(
                        command.id(),
                        command.teamId(),
                        command.trigger(),
                        command.url(),
                        command.request().method()))
                .toList();
    }

    /** As the HTTP adapter creates it: method POST, autocomplete on. */
    @Override
    public IssuedToken createCommand(MattermostSession admin, CommandSpec command) {
        InMemoryMattermostServer.Command created = answer(
                "creating the slash command /" + command.trigger(),
                () -> server.createCommand(
                        admin.token(),
                        new InMemoryMattermostServer.CommandRequest(
                                command.teamId(),
                                command.trigger(),
                                "P",
                                command.url(),
                                command.displayName(),
                                command.description(),
                                true,
                                command.autocompleteDescription(),
                                command.autocompleteHint())));
        return new IssuedToken(created.id(), created.token());
    }

    @Override
    public String regenerateCommandToken(MattermostSession admin, String commandId) {
        return answer(
                "regenerating the slash command's token",
                () -> server.regenerateCommandToken(admin.token(), commandId));
    }

    private <T> T answer(String doing, Supplier<T> request) {
        server.failIfTold();
        try {
            return request.get();
        } catch (InMemoryMattermostServer.Refused refused) {
            throw refused.asMattermostException(doing);
        }
    }
}
