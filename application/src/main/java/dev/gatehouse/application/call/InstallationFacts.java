package dev.gatehouse.application.call;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Records a fact Mattermost told us about an installation (installed, uninstalled) with its audit event. The
 * installation is read again rather than taken from the call: the call's copy may come from a cache and be stale.
 * A lost optimistic-lock race (an operator changed it meanwhile) is retried once on fresh state.
 */
final class InstallationFacts {

    private final Installations installations;
    private final AuditLog auditLog;
    private final Transactions transactions;
    private final Clock clock;

    InstallationFacts(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.installations = installations;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.clock = clock;
    }

    CallOutcome record(
            VerifiedCall call,
            String action,
            BiFunction<Installation, Instant, Installation> change,
            String detail,
            String done) {
        String actor = "mattermost"
                + call.actingUser().map(ActingUser::id).map(id -> ":" + id).orElse("");
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                Optional<Installation> saved = transactions.inTransaction(() -> installations
                        .findById(call.installation().id())
                        .map(current -> {
                            Installation updated = installations.update(change.apply(current, now));
                            auditLog.append(
                                    new AuditEvent(now, actor, current.id(), action, AuditOutcome.SUCCEEDED, detail));
                            return updated;
                        }));
                if (saved.isEmpty()) {
                    return new CallOutcome.Failed("This installation no longer exists in Gatehouse.");
                }
                return new CallOutcome.Ok(done);
            } catch (ConcurrentChangeException e) {
                if (attempt == 2) {
                    auditLog.append(new AuditEvent(
                            now,
                            actor,
                            call.installation().id(),
                            action,
                            AuditOutcome.REFUSED,
                            "concurrent change; " + detail));
                    return new CallOutcome.Failed(
                            "Gatehouse could not record this: the installation was being changed. Try again.");
                }
            }
        }
    }
}
