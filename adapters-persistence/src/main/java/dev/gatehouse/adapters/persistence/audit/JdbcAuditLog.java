package dev.gatehouse.adapters.persistence.audit;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import jakarta.inject.Singleton;
import java.util.List;

/** The audit log in Postgres; an append joins the caller's transaction when there is one. */
@Singleton
public final class JdbcAuditLog implements AuditLog {

    private final AuditEventRows rows;

    public JdbcAuditLog(AuditEventRows rows) {
        this.rows = rows;
    }

    @Override
    public void append(AuditEvent event) {
        try {
            rows.save(new AuditEventRow(
                    null,
                    event.at(),
                    event.actor(),
                    event.installation().map(InstallationId::value).orElse(null),
                    event.action(),
                    event.outcome().name(),
                    event.detail()));
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "append to the audit log");
        }
    }

    @Override
    public List<AuditEvent> find(AuditQuery query) {
        try {
            List<AuditEventRow> found = query.installationId() == null
                    ? rows.newest(query.since(), query.limit())
                    : rows.newestFor(query.installationId().value(), query.since(), query.limit());
            return found.stream().map(JdbcAuditLog::toDomain).toList();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "read the audit log");
        }
    }

    private static AuditEvent toDomain(AuditEventRow row) {
        return new AuditEvent(
                row.at(),
                row.actor(),
                row.installationId() == null ? null : new InstallationId(row.installationId()),
                row.action(),
                AuditOutcome.valueOf(row.outcome()),
                row.detail());
    }
}
