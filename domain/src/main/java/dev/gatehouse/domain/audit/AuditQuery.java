package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;

/** Filter for reading the audit log, newest first. Null filters match everything. */
public record AuditQuery(InstallationId installationId, Instant since, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
