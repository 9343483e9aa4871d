package dev.gatehouse.domain.port;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.audit.RefusalCount;
import java.util.Collection;
import java.util.List;

/**
 * Append-only log of security-relevant events. Refusals without a valid credential are kept as counts per
 * installation, reason and minute, which only ever grow.
 */
public interface AuditLog {

    void append(AuditEvent event);

    /** Newest first. */
    List<AuditEvent> find(AuditQuery query);

    /**
     * Adds these counts to the stored ones of the same installation, reason and minute (a count arriving in two
     * batches ends up as one, with the earliest first and the latest last seen), all or none.
     */
    void addRefusals(Collection<RefusalCount> counts);

    /** Newest last seen first; {@code since} filters on the last seen. */
    List<RefusalCount> findRefusals(AuditQuery query);
}
