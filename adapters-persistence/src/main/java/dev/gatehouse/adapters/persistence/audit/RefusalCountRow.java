package dev.gatehouse.adapters.persistence.audit;

import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code audit_refusal_counts}, keyed by installation, reason and minute; its count only grows. */
@MappedEntity("audit_refusal_counts")
public record RefusalCountRow(
        UUID installationId, String reason, Instant minute, long count, Instant firstSeen, Instant lastSeen) {}
