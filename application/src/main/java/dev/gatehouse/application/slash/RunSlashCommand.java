package dev.gatehouse.application.slash;

import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.application.call.CommandCatalog.Audience;
import dev.gatehouse.application.call.CommandCatalog.Subcommand;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.FormField;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.SignedStates;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Answers an authenticated slash command (CLASSIC.md §2, steps 3 to 5): a disabled installation says so; otherwise the
 * first word of the text picks the subcommand from the same {@link CommandCatalog} the Apps bindings come from (empty
 * or unknown: {@code help}). A subcommand for system admins is checked with Mattermost through the bot; one with a
 * form opens it as an interactive dialog whose submission runs the subcommand; any other runs its use case at once.
 * The answer is the text the user sees (only they see it).
 */
public final class RunSlashCommand {

    public static final String DISABLED =
            "This integration is disabled by the operator of its Gatehouse: ask your Mattermost admin.";

    private final CommandCatalog catalog;
    private final SlashCalls calls;
    private final Mattermost mattermost;
    private final SignedStates states;
    private final GatehouseLinks links;
    private final AuditLog auditLog;
    private final Clock clock;

    public RunSlashCommand(
            CommandCatalog catalog,
            SlashCalls calls,
            Mattermost mattermost,
            SignedStates states,
            GatehouseLinks links,
            AuditLog auditLog,
            Clock clock) {
        this.catalog = catalog;
        this.calls = calls;
        this.mattermost = mattermost;
        this.states = states;
        this.links = links;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The subcommand a request names; {@code help} when it names none the catalog has. */
    public Subcommand subcommandOf(SlashCommandRequest request) {
        return catalog.subcommand(request.firstWord())
                .orElseGet(() -> catalog.subcommand(CommandCatalog.HELP).orElseThrow());
    }

    /** Whether answering may wait on I/O; if not, it can be answered where the request arrived. */
    public boolean blocks(SlashCommandRequest request) {
        Subcommand subcommand = subcommandOf(request);
        return subcommand.work() == CommandCatalog.Work.BLOCKS
                || subcommand.audience() == Audience.SYSTEM_ADMINS
                || !subcommand.form().isEmpty();
    }

    public String run(Installation installation, SlashCommandRequest request) {
        if (!installation.isActive()) {
            return DISABLED;
        }
        Subcommand subcommand = subcommandOf(request);
        ActingUser user = new ActingUser(request.userId(), request.userName(), "");
        try {
            if (subcommand.audience() == Audience.SYSTEM_ADMINS
                    || !subcommand.form().isEmpty()) {
                return withTheBot(installation, request, subcommand);
            }
            return text(subcommand.handler().handle(calls.call(installation, user, subcommand.expand(), Map.of())));
        } catch (StorageUnavailableException e) {
            return "Gatehouse cannot reach its database right now. Try again in a minute.";
        }
    }

    private String withTheBot(Installation installation, SlashCommandRequest request, Subcommand subcommand) {
        Optional<MattermostSession> bot = calls.botSession(installation);
        if (bot.isEmpty()) {
            return "No bot is set up for this Mattermost server yet: ask your Mattermost admin to have the Gatehouse"
                    + " operator run `gatehouse installations provision " + installation.id() + "`.";
        }
        ActingUser user;
        try {
            MattermostUser known = calls.whoIs(bot.get(), request.userId());
            user = known.asActingUser();
        } catch (MattermostException e) {
            return "Gatehouse could not ask Mattermost who you are: " + e.getMessage();
        }
        if (subcommand.audience() == Audience.SYSTEM_ADMINS && !user.isSystemAdmin()) {
            auditLog.append(new AuditEvent(
                    clock.instant(),
                    "mattermost:" + user.id(),
                    installation.id(),
                    "command." + subcommand.name(),
                    AuditOutcome.REFUSED,
                    "not a system admin"));
            return "Only a Mattermost system admin can run " + catalog.appId().command(subcommand.name()) + ".";
        }
        if (subcommand.form().isEmpty()) {
            return text(subcommand.handler().handle(calls.call(installation, user, subcommand.expand(), Map.of())));
        }
        return openDialog(installation, bot.get(), request, subcommand);
    }

    private String openDialog(
            Installation installation, MattermostSession bot, SlashCommandRequest request, Subcommand subcommand) {
        if (request.triggerId() == null || request.triggerId().isBlank()) {
            return "Mattermost sent no trigger id, so the dialog cannot be opened: run the command again.";
        }
        String state =
                states.issue(installation.id(), request.userId(), SignedState.Purpose.CONFIGURE, clock.instant());
        Dialog dialog = new Dialog(
                request.triggerId(),
                links.dialog(installation.id()),
                subcommand.name(),
                title(subcommand),
                subcommand.form().stream().map(RunSlashCommand::element).toList(),
                "Save",
                state);
        try {
            mattermost.openDialog(bot, dialog);
        } catch (MattermostException e) {
            return "Could not open the " + subcommand.name() + " dialog: " + e.getMessage();
        }
        return "Opening the " + subcommand.name() + " dialog…";
    }

    private String title(Subcommand subcommand) {
        String title = Character.toUpperCase(subcommand.name().charAt(0))
                + subcommand.name().substring(1) + " " + catalog.appId();
        return title.length() <= 24 ? title : title.substring(0, 24);
    }

    private static Dialog.Element element(FormField field) {
        String label = field.hint() == null || field.hint().isBlank() ? field.name() : field.hint();
        return new Dialog.Element(
                label.length() <= 24 ? label : label.substring(0, 24),
                field.name(),
                "password".equals(field.subtype()),
                !field.required(),
                null);
    }

    /** What the user reads: the outcome's text, whatever kind it is. */
    static String text(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Ok ok) {
            return ok.text() == null ? "Done." : ok.text();
        }
        if (outcome instanceof CallOutcome.Failed failed) {
            return failed.text();
        }
        if (outcome instanceof CallOutcome.OkData data) {
            return data.data();
        }
        if (outcome instanceof CallOutcome.Bindings) {
            return "Done.";
        }
        throw new IllegalStateException("unmapped call outcome " + outcome);
    }
}
