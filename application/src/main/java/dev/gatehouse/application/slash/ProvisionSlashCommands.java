package dev.gatehouse.application.slash;

import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.installation.Changes;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.provisioning.CommandSpec;
import dev.gatehouse.domain.provisioning.CustomCommand;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a Mattermost server up for the slash-command ingress in one step (CLASSIC.md §3), with a system admin's token
 * that is used for this request only: never stored, logged, audited or echoed. Everything that can refuse is asked
 * before anything changes — the token, the admin, the teams, the settings, the bot and its token — so a refusal leaves
 * Mattermost and Gatehouse as they were. Running it again is safe: the bot is reused, commands Gatehouse made get new
 * tokens, and a trigger taken by someone else's command is reported and left alone.
 */
public final class ProvisionSlashCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionSlashCommands.class);
    public static final String ACTION = "slash.provision";

    /**
     * @param teams          team names or ids; empty means every team of the admin
     * @param enableSettings turn on the server settings the ingress needs, instead of refusing when they are off
     */
    public record Command(
            String actor, InstallationId id, String mattermostToken, List<String> teams, boolean enableSettings) {
        public Command {
            Objects.requireNonNull(id, "id");
            if (mattermostToken == null || mattermostToken.isBlank()) {
                throw new IllegalArgumentException("mattermost_token is required: a system admin's access token");
            }
            teams = teams == null ? List.of() : List.copyOf(teams);
        }

        @Override
        public String toString() {
            return "Command[actor=" + actor + ", id=" + id + ", teams=" + teams + ", enableSettings=" + enableSettings
                    + ", mattermostToken=redacted]";
        }
    }

    public enum TeamOutcome {
        CREATED,
        UPDATED,
        CONFLICT
    }

    public record TeamResult(MattermostTeam team, TeamOutcome outcome) {}

    public sealed interface Result {
        record Provisioned(
                Installation installation, String botUserId, List<TeamResult> teams, Set<ServerSetting> enabled)
                implements Result {}

        /** Anything else: not found, refused (400, with what to do), Mattermost failed, lost race. */
        record NotProvisioned(ChangeResult why) implements Result {}
    }

    private final Installations installations;
    private final MattermostProvisioning mattermost;
    private final Changes changes;
    private final AuditLog auditLog;
    private final GatehouseLinks links;
    private final AppId appId;
    private final Clock clock;

    public ProvisionSlashCommands(
            Installations installations,
            MattermostProvisioning mattermost,
            Changes changes,
            AuditLog auditLog,
            GatehouseLinks links,
            AppId appId,
            Clock clock) {
        this.installations = installations;
        this.mattermost = mattermost;
        this.changes = changes;
        this.auditLog = auditLog;
        this.links = links;
        this.appId = appId;
        this.clock = clock;
    }

    /** A step that refuses: its answer to the operator. */
    private static final class Refusal extends RuntimeException {
        private final transient ChangeResult result;

        Refusal(ChangeResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    public Result provision(Command command) {
        InstallationId id = command.id();
        Optional<Installation> found = installations.findById(id);
        if (found.isEmpty()) {
            return new Result.NotProvisioned(new ChangeResult.NotFound(id));
        }
        Installation installation = found.get();
        MattermostSession admin = new MattermostSession(
                installation.restBaseUrl(), command.mattermostToken().strip());
        try {
            checkAdmin(id, admin);
            List<MattermostTeam> teams = teams(id, admin, command.teams());
            Set<ServerSetting> enabled = settings(command, admin);
            String botUserId = bot(id, admin);
            IssuedToken botToken = issue(
                    id, () -> mattermost.createUserAccessToken(admin, botUserId, "Gatehouse: " + installation.name()));
            ChangeResult saved;
            List<TeamResult> results = new ArrayList<>();
            try {
                for (MattermostTeam team : teams) {
                    step(id, () -> {
                        mattermost.addToTeam(admin, team.id(), botUserId);
                        return null;
                    });
                }
                List<SlashCommand> commands = new ArrayList<>();
                for (MattermostTeam team : teams) {
                    results.add(command(id, admin, team, commands));
                }
                saved = save(command.actor(), installation, botUserId, botToken, commands, results, enabled);
            } catch (Refusal refusal) {
                revoke(admin, botToken.id()); // the token made for this run is not kept: it must not stay valid
                throw refusal;
            }
            if (!(saved instanceof ChangeResult.Changed changed)) {
                revoke(admin, botToken.id());
                return new Result.NotProvisioned(saved);
            }
            installation
                    .bot()
                    .flatMap(BotAccount::madeByGatehouse)
                    .filter(previous -> !previous.equals(botToken.id()))
                    .ifPresent(previous -> revoke(admin, previous));
            return new Result.Provisioned(changed.installation(), botUserId, List.copyOf(results), enabled);
        } catch (Refusal refusal) {
            auditLog.append(new AuditEvent(
                    clock.instant(), command.actor(), id, ACTION, AuditOutcome.REFUSED, describe(refusal.result)));
            return new Result.NotProvisioned(refusal.result);
        }
    }

    private void checkAdmin(InstallationId id, MattermostSession admin) {
        MattermostUser me;
        try {
            me = mattermost.me(admin);
        } catch (MattermostException e) {
            if (e.status().filter(status -> status == 401).isPresent()) {
                throw refused(
                        id,
                        "Mattermost did not accept this token: give a system admin's personal access token"
                                + " or session token");
            }
            throw failed(id, e);
        }
        if (!me.isSystemAdmin()) {
            throw refused(
                    id,
                    "@" + me.username() + " is not a system admin of this Mattermost server: provisioning"
                            + " needs a system admin's token");
        }
    }

    /** The requested teams by name or id, or every team of the admin; an unknown one refuses the whole run. */
    private List<MattermostTeam> teams(InstallationId id, MattermostSession admin, List<String> requested) {
        List<MattermostTeam> mine = step(id, () -> mattermost.teamsOf(admin));
        if (requested.isEmpty()) {
            if (mine.isEmpty()) {
                throw refused(id, "the admin belongs to no team: join a team or name the teams to provision");
            }
            return mine;
        }
        List<MattermostTeam> chosen = new ArrayList<>();
        for (String wanted : requested) {
            String name = wanted.strip();
            MattermostTeam team = mine.stream()
                    .filter(t -> t.id().equals(name) || t.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> refused(
                            id,
                            "unknown team '" + name + "': the admin's teams are "
                                    + mine.stream().map(MattermostTeam::name).collect(Collectors.joining(", "))));
            if (!chosen.contains(team)) {
                chosen.add(team);
            }
        }
        return chosen;
    }

    private Set<ServerSetting> settings(Command command, MattermostSession admin) {
        Set<ServerSetting> off = step(command.id(), () -> mattermost.settingsOff(admin));
        if (off.isEmpty()) {
            return Set.of();
        }
        if (!command.enableSettings()) {
            throw refused(
                    command.id(),
                    "Mattermost settings the slash command needs are off: "
                            + off.stream()
                                    .map(setting -> setting.configPath() + " (" + setting.describe() + ")")
                                    .collect(Collectors.joining("; "))
                            + ". Turn them on, or provision again with enable_settings (CLI: --enable-settings)"
                            + " to let Gatehouse turn them on");
        }
        step(command.id(), () -> {
            mattermost.enable(admin, off);
            return null;
        });
        String names = off.stream().map(ServerSetting::configPath).sorted().collect(Collectors.joining(","));
        LOG.info("installation {}: turned on Mattermost settings {}", command.id(), names);
        auditLog.append(new AuditEvent(
                clock.instant(),
                command.actor(),
                command.id(),
                ACTION + ".settings",
                AuditOutcome.SUCCEEDED,
                "enabled=" + names));
        return EnumSet.copyOf(off);
    }

    /** The bot named like the app: reused (and enabled) when it exists, created otherwise. */
    private String bot(InstallationId id, MattermostSession admin) {
        String username = appId.value().toLowerCase(Locale.ROOT);
        Optional<MattermostUser> existing = step(id, () -> mattermost.userByUsername(admin, username));
        if (existing.isPresent()) {
            if (!existing.get().bot()) {
                throw refused(
                        id,
                        "the username @" + username + " belongs to a user who is not a bot: rename that"
                                + " user or set gatehouse.app-id to another name");
            }
            step(id, () -> {
                mattermost.enableBot(admin, existing.get().id());
                return null;
            });
            return existing.get().id();
        }
        return issue(
                id,
                () -> mattermost.createBot(
                        admin, username, "Gatehouse (" + appId + ")", "Answers /" + appId + " for Gatehouse"));
    }

    private TeamResult command(
            InstallationId id, MattermostSession admin, MattermostTeam team, List<SlashCommand> commands) {
        String url = links.command(id);
        List<CustomCommand> existing = step(id, () -> mattermost.customCommands(admin, team.id()));
        Optional<CustomCommand> sameTrigger = existing.stream()
                .filter(c -> c.trigger() != null && c.trigger().equalsIgnoreCase(appId.value()))
                .findFirst();
        if (sameTrigger.isPresent() && !url.equals(sameTrigger.get().url())) {
            return new TeamResult(team, TeamOutcome.CONFLICT);
        }
        if (sameTrigger.isPresent()) {
            String token = step(
                    id,
                    () -> mattermost.regenerateCommandToken(
                            admin, sameTrigger.get().id()));
            commands.add(SlashCommand.withToken(
                    team.id(), team.name(), sameTrigger.get().id(), token));
            return new TeamResult(team, TeamOutcome.UPDATED);
        }
        IssuedToken created = step(
                id,
                () -> mattermost.createCommand(
                        admin,
                        new CommandSpec(
                                team.id(),
                                appId.value(),
                                url,
                                "Gatehouse (" + appId + ")",
                                "Gatehouse: a bot that DMs you, and OAuth2 to a third-party provider",
                                "Gatehouse: " + appId,
                                "send | info | connect | me | disconnect | configure | help")));
        commands.add(SlashCommand.withToken(team.id(), team.name(), created.id(), created.token()));
        return new TeamResult(team, TeamOutcome.CREATED);
    }

    private ChangeResult save(
            String actor,
            Installation installation,
            String botUserId,
            IssuedToken botToken,
            List<SlashCommand> commands,
            List<TeamResult> results,
            Set<ServerSetting> enabled) {
        String detail = "bot_user_id=" + botUserId + ", teams="
                + results.stream()
                        .map(r -> r.team().name() + ":" + r.outcome().name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(","))
                + (enabled.isEmpty() ? "" : ", settings_enabled=" + enabled.size());
        BotAccount bot = new BotAccount(botUserId, new BotToken(botToken.token()), botToken.id());
        return changes.apply(
                actor,
                installation.id(),
                ACTION,
                (current, now) -> {
                    Installation changed = current.adoptBot(bot, now);
                    for (SlashCommand command : commands) {
                        changed = changed.adoptSlashCommand(command, now);
                    }
                    return changed;
                },
                ChangeResult.Changed::new,
                detail,
                Changes.OnConflict.RETRY_ONCE);
    }

    private void revoke(MattermostSession admin, String tokenId) {
        if (tokenId == null) {
            return;
        }
        try {
            mattermost.revokeUserAccessToken(admin, tokenId);
        } catch (MattermostException e) {
            LOG.warn("could not revoke the bot token Gatehouse made before (id {}): {}", tokenId, e.getMessage());
        }
    }

    /** Creating the bot or its token: where a server whose config is managed elsewhere still refuses. */
    private <T> T issue(InstallationId id, Supplier<T> creation) {
        try {
            return creation.get();
        } catch (MattermostException e) {
            Optional<String> errorId = e.errorId();
            for (ServerSetting setting :
                    List.of(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION, ServerSetting.ENABLE_USER_ACCESS_TOKENS)) {
                if (errorId.filter(refusedBecauseOf(setting)::equals).isPresent()) {
                    throw refused(
                            id,
                            "Mattermost refused (" + errorId.get() + "): " + setting.configPath() + " is"
                                    + " off on the server (" + setting.describe() + "); if its configuration is managed"
                                    + " elsewhere, turn it on there");
                }
            }
            throw failed(id, e);
        }
    }

    private static String refusedBecauseOf(ServerSetting setting) {
        return setting == ServerSetting.ENABLE_BOT_ACCOUNT_CREATION
                ? "api.bot.create_disabled"
                : "app.user_access_token.disabled"; // the id Mattermost's server sends (app/session.go), not
        // CLASSIC.md's
    }

    private <T> T step(InstallationId id, Supplier<T> call) {
        try {
            return call.get();
        } catch (MattermostException e) {
            throw failed(id, e);
        }
    }

    private static Refusal refused(InstallationId id, String detail) {
        return new Refusal(new ChangeResult.Refused(id, detail));
    }

    private static Refusal failed(InstallationId id, MattermostException e) {
        return new Refusal(new ChangeResult.MattermostFailed(id, e.getMessage()));
    }

    private static String describe(ChangeResult result) {
        if (result instanceof ChangeResult.Refused refused) {
            return refused.detail();
        }
        if (result instanceof ChangeResult.MattermostFailed failed) {
            return "Mattermost failed: " + failed.detail();
        }
        return result.getClass().getSimpleName();
    }
}
