package dev.gatehouse.adapters.persistence.audit;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The audit log in Postgres; an append joins the caller's transaction when there is one. Refusal counts are added in
 * one transaction per batch, a statement per count (a batch holds a few: one per installation, reason and minute).
 */
@Singleton
public final class JdbcAuditLog implements AuditLog {

    private final AuditEventRows rows;
    private final RefusalCountRows counts;
    private final TransactionOperations<Connection> transactions;

    public JdbcAuditLog(AuditEventRows rows, RefusalCountRows counts, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.counts = counts;
        this.transactions = transactions;
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
            String outcome = query.outcome() == null ? null : query.outcome().name();
            List<AuditEventRow> found = query.installationId() == null
                    ? rows.newest(query.since(), query.before(), outcome, query.limit())
                    : rows.newestFor(
                            query.installationId().value(), query.since(), query.before(), outcome, query.limit());
            return found.stream().map(JdbcAuditLog::toDomain).toList();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "read the audit log");
        }
    }

    @Override
    public void addRefusals(Collection<RefusalCount> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        try {
            // Replicas flushing the same counts at once lock their rows in one order, so they wait, never deadlock.
            List<RefusalCount> inKeyOrder = refusals.stream()
                    .sorted(Comparator.comparing(
                                    (RefusalCount c) -> c.installationId().value())
                            .thenComparing(c -> c.reason().code())
                            .thenComparing(RefusalCount::minute))
                    .toList();
            transactions.executeWrite(status -> {
                for (RefusalCount c : inKeyOrder) {
                    counts.add(
                            c.installationId().value(),
                            c.reason().code(),
                            c.minute(),
                            c.count(),
                            c.firstSeen(),
                            c.lastSeen());
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "add refusal counts to the audit log");
        }
    }

    @Override
    public List<RefusalCount> findRefusals(AuditQuery query) {
        if (query.outcome() != null && query.outcome() != AuditOutcome.REFUSED) {
            return List.of(); // every count is of refusals
        }
        try {
            List<RefusalCountRow> found = query.installationId() == null
                    ? counts.newest(query.since(), query.before(), query.limit())
                    : counts.newestFor(query.installationId().value(), query.since(), query.before(), query.limit());
            return found.stream().map(JdbcAuditLog::toDomain).toList();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "read the audit log");
        }
    }

    /**
     * Deletes audit events and refusal counts older than {@code bound} (never younger than a day: the database holds
     * that floor); answers how many rows went.
     */
    public long purgeBefore(Instant bound) {
        try {
            return counts.purgeBefore(bound);
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "purge the audit log");
        }
    }

    private static RefusalCount toDomain(RefusalCountRow row) {
        return new RefusalCount(
                new InstallationId(row.installationId()),
                RejectionReason.valueOf(row.reason().toUpperCase(Locale.ROOT)),
                row.minute(),
                row.count(),
                row.firstSeen(),
                row.lastSeen());
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
