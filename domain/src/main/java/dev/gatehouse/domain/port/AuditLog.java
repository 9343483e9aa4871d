package dev.gatehouse.domain.port;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditQuery;
import java.util.List;

/** Append-only log of security-relevant events. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Newest first. */
    List<AuditEvent> find(AuditQuery query);
}
