package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.provisioning.CommandSpec;
import dev.gatehouse.domain.provisioning.CustomCommand;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Placeholder until the in-memory Mattermost server model lands: every operation is refused. */
public final class InMemoryMattermostProvisioning implements MattermostProvisioning {

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("not modelled yet");
    }

    @Override
    public MattermostUser me(MattermostSession session) {
        throw notYet();
    }

    @Override
    public List<MattermostTeam> teamsOf(MattermostSession admin) {
        throw notYet();
    }

    @Override
    public Set<ServerSetting> settingsOff(MattermostSession admin) {
        throw notYet();
    }

    @Override
    public void enable(MattermostSession admin, Set<ServerSetting> settings) {
        throw notYet();
    }

    @Override
    public Optional<MattermostUser> userByUsername(MattermostSession admin, String username) {
        throw notYet();
    }

    @Override
    public String createBot(MattermostSession admin, String username, String displayName, String description) {
        throw notYet();
    }

    @Override
    public void enableBot(MattermostSession admin, String botUserId) {
        throw notYet();
    }

    @Override
    public IssuedToken createUserAccessToken(MattermostSession admin, String userId, String description) {
        throw notYet();
    }

    @Override
    public void revokeUserAccessToken(MattermostSession admin, String tokenId) {
        throw notYet();
    }

    @Override
    public void addToTeam(MattermostSession admin, String teamId, String userId) {
        throw notYet();
    }

    @Override
    public List<CustomCommand> customCommands(MattermostSession admin, String teamId) {
        throw notYet();
    }

    @Override
    public IssuedToken createCommand(MattermostSession admin, CommandSpec command) {
        throw notYet();
    }

    @Override
    public String regenerateCommandToken(MattermostSession admin, String commandId) {
        throw notYet();
    }
}
