package dev.gatehouse.adapters.http.console;

import dev.gatehouse.domain.audit.AuditEntry;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.RefusalCount;

/** One line of the audit log on a console page. {@code atIso} pages back ("older"). */
public record AuditLine(
        String at,
        String atIso,
        String actor,
        String installationId,
        String action,
        String outcome,
        String detail,
        long count) {

    static AuditLine of(AuditEntry entry) {
        String installation =
                entry.installationId() == null ? "" : entry.installationId().toString();
        if (entry instanceof AuditEvent event) {
            return new AuditLine(
                    InstallationView.time(event.at()),
                    event.at().toString(),
                    event.actor(),
                    installation,
                    event.action(),
                    event.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    event.detail(),
                    1);
        }
        if (entry instanceof RefusalCount count) {
            return new AuditLine(
                    InstallationView.time(count.at()),
                    count.at().toString(),
                    "mattermost",
                    installation,
                    "call.rejected",
                    "refused",
                    count.reason().code(),
                    count.count());
        }
        throw new IllegalStateException(
                "unmapped audit entry " + entry.getClass().getName());
    }
}
