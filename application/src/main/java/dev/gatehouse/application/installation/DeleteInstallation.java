package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;

/** Removes an installation; its calls are refused from then on. The audit trail stays. */
public final class DeleteInstallation {

    private final Installations installations;
    private final Transactions transactions;
    private final Changes changes;

    public DeleteInstallation(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.installations = installations;
        this.transactions = transactions;
        this.changes = new Changes(installations, auditLog, transactions, clock);
    }

    public ChangeResult delete(String actor, InstallationId id) {
        boolean deleted = transactions.inTransaction(() -> {
            boolean removed = installations.delete(id);
            if (removed) {
                changes.succeeded(actor, id, "installation.delete", "");
            }
            return removed;
        });
        if (!deleted) {
            changes.refused(actor, id, "installation.delete", "not found");
            return new ChangeResult.NotFound(id);
        }
        return new ChangeResult.Deleted(id);
    }
}
