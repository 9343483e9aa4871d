package dev.gatehouse.application.slash;

import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.installation.Changes;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;

/**
 * What an operator sets up by hand for the slash-command ingress (CLASSIC.md §3): adopting a bot token or a team's
 * command token made in the System Console, or forgetting them. A bot token is checked with Mattermost first (it must
 * be a bot's); a command token cannot be checked without an admin's, and is kept as its SHA-256 only. Every change is
 * audited, never with a token.
 */
public final class SlashCommandSetup {

    private final Installations installations;
    private final Mattermost mattermost;
    private final Changes changes;

    public SlashCommandSetup(Installations installations, Mattermost mattermost, Changes changes) {
        this.installations = installations;
        this.mattermost = mattermost;
        this.changes = changes;
    }

    public ChangeResult adoptBot(String actor, InstallationId id, BotToken token) {
        var installation = installations.findById(id);
        if (installation.isEmpty()) {
            return new ChangeResult.NotFound(id);
        }
        MattermostUser bot;
        try {
            bot = mattermost.user(new MattermostSession(installation.get().restBaseUrl(), token.value()), "me");
        } catch (MattermostException e) {
            if (e.status().filter(status -> status == 401).isPresent()) {
                return new ChangeResult.Refused(id, "Mattermost did not accept this token");
            }
            return new ChangeResult.MattermostFailed(id, e.getMessage());
        }
        if (!bot.bot()) {
            return new ChangeResult.Refused(
                    id, "this token is not a bot's (it is @" + bot.username() + "'s): give a bot access token");
        }
        return changes.apply(
                actor,
                id,
                "slash.bot.adopt",
                (current, now) -> current.adoptBot(new BotAccount(bot.id(), token, null), now),
                ChangeResult.Changed::new,
                "bot_user_id=" + bot.id(),
                Changes.OnConflict.REFUSE);
    }

    public ChangeResult forgetBot(String actor, InstallationId id) {
        return changes.apply(
                actor,
                id,
                "slash.bot.forget",
                (current, now) -> current.forgetBot(now),
                ChangeResult.Changed::new,
                "",
                Changes.OnConflict.REFUSE);
    }

    public ChangeResult adoptSlashCommand(String actor, InstallationId id, String teamId, String token) {
        SlashCommand command = SlashCommand.withToken(teamId, null, null, token); // checks before anything is read
        return changes.apply(
                actor,
                id,
                "slash.command.adopt",
                (current, now) -> current.adoptSlashCommand(command, now),
                ChangeResult.Changed::new,
                "team_id=" + teamId,
                Changes.OnConflict.REFUSE);
    }

    public ChangeResult forgetSlashCommand(String actor, InstallationId id, String teamId) {
        var installation = installations.findById(id);
        if (installation.isPresent()
                && installation.get().slashCommands().stream()
                        .noneMatch(c -> c.teamId().equals(teamId))) {
            return new ChangeResult.Refused(id, "no slash command is set up for team " + teamId);
        }
        return changes.apply(
                actor,
                id,
                "slash.command.forget",
                (current, now) -> current.forgetSlashCommand(teamId, now),
                ChangeResult.Changed::new,
                "team_id=" + teamId,
                Changes.OnConflict.REFUSE);
    }
}
