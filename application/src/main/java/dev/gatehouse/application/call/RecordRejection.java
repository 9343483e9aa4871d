package dev.gatehouse.application.call;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

/**
 * Audits refused Mattermost calls: one event for a refusal after a valid credential, counts per installation, reason
 * and minute for the refusals anyone can cause ({@link RejectionReason#withoutValidCredential()}). The refusal has
 * already been answered when this runs; the caller (an adapter that writes these off the request thread) counts them
 * in a {@link RefusalTally} and decides how to retry when the database is unavailable.
 */
public final class RecordRejection {

    public static final String ACTOR = VerifiedCall.ACTOR;
    public static final String ACTION = "call.rejected";

    private final AuditLog auditLog;
    private final Clock clock;

    public RecordRejection(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * @param installationId null when the route named no valid installation id
     * @param at             when the call was refused (the audit may be written a little later)
     * @param path           the request path (never a query, header or body)
     */
    public void record(InstallationId installationId, RejectionReason reason, String path, Instant at) {
        auditLog.append(new AuditEvent(
                at == null ? clock.instant() : at,
                ACTOR,
                installationId,
                ACTION,
                AuditOutcome.REFUSED,
                reason.code() + " " + path));
    }

    /** Adds counted refusals to the audit log, all or none. */
    public void recordCounts(Collection<RefusalCount> counts) {
        if (!counts.isEmpty()) {
            auditLog.addRefusals(counts);
        }
    }
}
