package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.port.AuditLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();
    private final Map<String, RefusalCount> refusals = new LinkedHashMap<>();

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
                .filter(e -> query.admits(e.at(), e.outcome()))
                .limit(query.limit())
                .toList();
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void addRefusals(Collection<RefusalCount> counts) {
        for (RefusalCount count : counts) {
            refusals.merge(
                    count.installationId() + "|" + count.reason() + "|" + count.minute(), count, RefusalCount::plus);
        }
    }

    @Override
    public synchronized List<RefusalCount> findRefusals(AuditQuery query) {
        return refusals.values().stream()
                .filter(c ->
                        query.installationId() == null || query.installationId().equals(c.installationId()))
                .filter(c -> query.admits(c.lastSeen(), AuditOutcome.REFUSED))
                .sorted(Comparator.comparing(RefusalCount::lastSeen).reversed())
                .limit(query.limit())
                .toList();
    }

    public synchronized List<RefusalCount> refusals() {
        return List.copyOf(refusals.values());
    }
}
