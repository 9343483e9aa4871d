package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.port.AuditLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<AuditEvent> find(AuditQuery query) {
        List<AuditEvent> newestFirst = new ArrayList<>(events);
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(e ->
                        query.installationId() == null || query.installationId().equals(e.installationId()))
                .filter(e -> query.since() == null || !e.at().isBefore(query.since()))
                .limit(query.limit())
                .toList();
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
