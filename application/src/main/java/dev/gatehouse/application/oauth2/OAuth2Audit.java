package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.port.AuditLog;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits an OAuth2 step. Details carry ids and provider error codes only, never a secret or token. The step has
 * already happened in Mattermost or at the provider when it is audited, so an audit log that cannot be written
 * (database down) is logged and does not turn the answer into an error.
 */
final class OAuth2Audit {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2Audit.class);

    private final AuditLog auditLog;
    private final Clock clock;

    OAuth2Audit(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    void record(VerifiedCall call, String action, AuditOutcome outcome, String detail) {
        try {
            auditLog.append(new AuditEvent(
                    clock.instant(), call.actor(), call.installation().id(), action, outcome, detail));
        } catch (RuntimeException e) {
            LOG.warn("could not audit {} ({}): {}", action, outcome, e.toString());
        }
    }
}
