package dev.gatehouse.application.call;

import dev.gatehouse.application.installation.Changes;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;

/** {@code on_install}: remembers the app's bot user id and when Mattermost installed the app. */
public final class RecordInstall {

    private final InstallationFacts facts;

    public RecordInstall(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.facts = new InstallationFacts(new Changes(installations, auditLog, transactions, clock));
    }

    public CallOutcome record(VerifiedCall call) {
        String bot = call.context().botUser().orElse(null);
        return facts.record(
                call,
                "app.install",
                (installation, now) -> installation.recordInstall(bot, now),
                "bot_user_id=" + (bot == null ? "(unknown)" : bot),
                "Gatehouse recorded the installation for **"
                        + call.installation().name() + "**.");
    }
}
