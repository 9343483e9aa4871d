package dev.gatehouse.domain.port;

import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.provisioning.CommandSpec;
import dev.gatehouse.domain.provisioning.CustomCommand;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What provisioning asks of a Mattermost server (CLASSIC.md §1, §3), as a system admin whose token is given for that
 * one request: the session is never stored. Every operation goes to the installation's registered URL. Failures are a
 * {@link MattermostException} carrying Mattermost's status and error id.
 */
public interface MattermostProvisioning {

    /** {@code GET /api/v4/users/me}. */
    MattermostUser me(MattermostSession session);

    /** {@code GET /api/v4/users/me/teams}. */
    List<MattermostTeam> teamsOf(MattermostSession admin);

    /** The settings of {@link ServerSetting} that are off ({@code GET /api/v4/config}). */
    Set<ServerSetting> settingsOff(MattermostSession admin);

    /** Turns these settings on ({@code PUT /api/v4/config/patch}). */
    void enable(MattermostSession admin, Set<ServerSetting> settings);

    /** {@code GET /api/v4/users/username/{username}}; empty on 404. */
    Optional<MattermostUser> userByUsername(MattermostSession admin, String username);

    /** {@code POST /api/v4/bots}: the new bot's user id. */
    String createBot(MattermostSession admin, String username, String displayName, String description);

    /** {@code POST /api/v4/bots/{id}/enable}. */
    void enableBot(MattermostSession admin, String botUserId);

    /** {@code POST /api/v4/users/{id}/tokens}. */
    IssuedToken createUserAccessToken(MattermostSession admin, String userId, String description);

    /** {@code POST /api/v4/users/tokens/revoke}. */
    void revokeUserAccessToken(MattermostSession admin, String tokenId);

    /** {@code POST /api/v4/teams/{team_id}/members}; a user already in the team is not an error. */
    void addToTeam(MattermostSession admin, String teamId, String userId);

    /** {@code GET /api/v4/commands?team_id=&custom_only=true}. */
    List<CustomCommand> customCommands(MattermostSession admin, String teamId);

    /** {@code POST /api/v4/commands}: the new command's id and token. */
    IssuedToken createCommand(MattermostSession admin, CommandSpec command);

    /** {@code PUT /api/v4/commands/{id}/regen_token}: the new token. */
    String regenerateCommandToken(MattermostSession admin, String commandId);
}
