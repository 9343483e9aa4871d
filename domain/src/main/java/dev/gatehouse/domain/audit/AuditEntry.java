package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;

/**
 * A line of the audit log as operators read it: one event, or the refusals without a valid credential of one
 * installation, reason and minute counted together.
 */
public sealed interface AuditEntry permits AuditEvent, RefusalCount {

    /** When it happened; for a count, the last refusal it counts. The listing is ordered by this, newest first. */
    Instant at();

    /** Null for events not tied to one installation. */
    InstallationId installationId();
}
