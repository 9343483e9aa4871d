package dev.gatehouse.application.audit;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import java.time.Instant;
import java.util.List;

/** Operators read the audit log, newest first. */
public final class ReadAuditLog {

    public static final int DEFAULT_LIMIT = 100;

    private final AuditLog auditLog;

    public ReadAuditLog(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Null filters match everything; a null limit means {@link #DEFAULT_LIMIT}. */
    public List<AuditEvent> read(InstallationId installationId, Instant since, Integer limit) {
        return auditLog.find(new AuditQuery(installationId, since, limit == null ? DEFAULT_LIMIT : limit));
    }
}
