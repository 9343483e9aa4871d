package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.AuditLogContract;
import dev.gatehouse.domain.port.AuditLog;

class InMemoryAuditLogTest extends AuditLogContract {

    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();

    @Override
    protected AuditLog auditLog() {
        return auditLog;
    }
}
