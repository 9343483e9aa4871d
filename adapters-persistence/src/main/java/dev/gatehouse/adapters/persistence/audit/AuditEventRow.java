package dev.gatehouse.adapters.persistence.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One row of the append-only {@code audit_event} table. */
@MappedEntity("audit_event")
public record AuditEventRow(
        @Id @GeneratedValue @Nullable Long id,
        Instant at,
        String actor,
        @Nullable UUID installationId,
        String action,
        String outcome,
        String detail) {}
