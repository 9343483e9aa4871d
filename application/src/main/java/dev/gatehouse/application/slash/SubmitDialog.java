package dev.gatehouse.application.slash;

import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.application.call.CommandCatalog.Audience;
import dev.gatehouse.application.call.CommandCatalog.Subcommand;
import dev.gatehouse.application.call.RateLimits;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.SignedStates;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.time.Clock;
import java.util.Optional;

/**
 * A submitted dialog of the slash-command ingress (CLASSIC.md §2 {@code /i/{id}/dialog}). Mattermost signs nothing, so
 * the state Gatehouse signed when it opened the dialog must be this installation's, for a dialog, unexpired and for
 * the submitting user; a subcommand for system admins checks the user with Mattermost again. Then the subcommand the
 * dialog belongs to ({@code callback_id}) runs with the submitted values, exactly as the Apps form's submit does.
 */
public final class SubmitDialog {

    private final Installations installations;
    private final CommandCatalog catalog;
    private final SlashCalls calls;
    private final SignedStates states;
    private final Clock clock;
    private final RateLimits rateLimits;

    public SubmitDialog(
            Installations installations,
            CommandCatalog catalog,
            SlashCalls calls,
            SignedStates states,
            Clock clock,
            RateLimits rateLimits) {
        this.installations = installations;
        this.catalog = catalog;
        this.calls = calls;
        this.states = states;
        this.clock = clock;
        this.rateLimits = rateLimits;
    }

    public Admission<DialogAnswer> submit(DialogSubmission submission) {
        Optional<Installation> installation =
                InstallationId.tryParse(submission.installationId()).flatMap(installations::findById);
        if (installation.isEmpty()) {
            return Admission.refused(RejectionReason.INSTALLATION_UNKNOWN);
        }
        Admission<SignedState> state = states.verify(
                submission.state(), installation.get().id(), SignedState.Purpose.CONFIGURE, clock.instant());
        if (state instanceof Admission.Refused<SignedState> refused) {
            return Admission.refused(refused.reason());
        }
        SignedState signed = ((Admission.Admitted<SignedState>) state).value();
        if (!signed.userId().equals(submission.userId())) {
            return Admission.refused(RejectionReason.STATE_WRONG_USER);
        }
        return rateLimits.admit(installation.get(), submission).map(admitted -> answer(installation.get(), admitted));
    }

    private DialogAnswer answer(Installation installation, DialogSubmission submission) {
        if (submission.cancelled()) {
            return new DialogAnswer.Closed(); // nothing is stored
        }
        if (!installation.isActive()) {
            return new DialogAnswer.Error(RunSlashCommand.DISABLED);
        }
        Optional<Subcommand> subcommand = catalog.subcommand(submission.callbackId())
                .filter(s -> !s.form().isEmpty() && s.name().equals(submission.callbackId()));
        if (subcommand.isEmpty()) {
            return new DialogAnswer.Error("Gatehouse has no dialog " + submission.callbackId() + ".");
        }
        Optional<MattermostSession> bot = calls.botSession(installation);
        if (bot.isEmpty()) {
            return new DialogAnswer.Error("The bot of this Mattermost server is no longer set up in Gatehouse.");
        }
        ActingUser user;
        try {
            user = calls.whoIs(bot.get(), submission.userId()).asActingUser();
        } catch (MattermostException e) {
            return new DialogAnswer.Error("Gatehouse could not ask Mattermost who you are: " + e.getMessage());
        }
        if (subcommand.get().audience() == Audience.SYSTEM_ADMINS && !user.isSystemAdmin()) {
            return new DialogAnswer.Error("Only a Mattermost system admin can do this.");
        }
        try {
            CallOutcome outcome = subcommand
                    .get()
                    .handler()
                    .handle(calls.call(installation, user, subcommand.get().expand(), submission.submission()));
            if (outcome instanceof CallOutcome.Failed failed) {
                return failed.fieldErrors().isEmpty()
                        ? new DialogAnswer.Error(failed.text())
                        : new DialogAnswer.FieldErrors(failed.fieldErrors());
            }
            return new DialogAnswer.Closed();
        } catch (StorageUnavailableException e) {
            return new DialogAnswer.Error("Gatehouse cannot reach its database right now. Try again in a minute.");
        }
    }
}
