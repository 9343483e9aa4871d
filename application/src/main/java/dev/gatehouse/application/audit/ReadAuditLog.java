package dev.gatehouse.application.audit;

import dev.gatehouse.domain.audit.AuditEntry;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Operators read the audit log, newest first: events and the counts of refusals without a valid credential in one
 * listing, so a flood of bogus tokens shows as a few lines with a count.
 */
public final class ReadAuditLog {

    public static final int DEFAULT_LIMIT = 100;

    private final AuditLog auditLog;

    public ReadAuditLog(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Null filters match everything; a null limit means {@link #DEFAULT_LIMIT}. */
    public List<AuditEntry> read(InstallationId installationId, Instant since, Integer limit) {
        return read(new AuditQuery(installationId, since, limit == null ? DEFAULT_LIMIT : limit));
    }

    /** The newest {@code query.limit()} lines the query admits; page back with {@code before} = the last line's time. */
    public List<AuditEntry> read(AuditQuery query) {
        // Each source answers its newest `limit`, so the newest `limit` of both are among them.
        return Stream.<AuditEntry>concat(auditLog.find(query).stream(), auditLog.findRefusals(query).stream())
                .sorted(Comparator.comparing(AuditEntry::at).reversed())
                .limit(query.limit())
                .toList();
    }
}
