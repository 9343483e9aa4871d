package dev.gatehouse.application.call;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a refused Mattermost call. A refused call has already been answered; failing to audit it (database down)
 * is logged here and never turns the refusal into another error.
 */
public final class RecordRejection {

    public static final String ACTOR = "mattermost";
    public static final String ACTION = "call.rejected";
    private static final Logger LOG = LoggerFactory.getLogger(RecordRejection.class);

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
        try {
            auditLog.append(new AuditEvent(at == null ? clock.instant() : at, ACTOR, installationId, ACTION,
                    AuditOutcome.REFUSED, reason.code() + " " + path));
        } catch (RuntimeException e) {
            LOG.warn("could not audit a refused call ({} {}): {}", reason.code(), path, e.toString());
        }
    }
}
