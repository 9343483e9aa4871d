package dev.gatehouse.application.call;

import dev.gatehouse.application.installation.Changes;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;

/**
 * {@code on_uninstall}: remembers that Mattermost uninstalled the app. The installation and its secret stay (the
 * operator decides whether to delete them); an error answer would cancel the uninstall, so success is the norm.
 */
public final class RecordUninstall {

    private final InstallationFacts facts;

    public RecordUninstall(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.facts = new InstallationFacts(new Changes(installations, auditLog, transactions, clock));
    }

    public CallOutcome record(VerifiedCall call) {
        return facts.record(
                call,
                "app.uninstall",
                (installation, now) -> installation.recordUninstall(now),
                "",
                "Gatehouse recorded the uninstall of **" + call.installation().name() + "**.");
    }
}
