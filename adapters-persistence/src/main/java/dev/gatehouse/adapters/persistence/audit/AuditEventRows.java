package dev.gatehouse.adapters.persistence.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Insert and read only: the table refuses UPDATE, DELETE and TRUNCATE anyway. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRows extends GenericRepository<AuditEventRow, Long> {

    AuditEventRow save(AuditEventRow row);

    // Two queries rather than "(:id IS NULL OR ...)", so each one can walk its index newest first.
    @Query("""
            SELECT * FROM audit_event
            WHERE at >= COALESCE(CAST(:since AS timestamptz), '-infinity')
              AND at < COALESCE(CAST(:before AS timestamptz), 'infinity')
              AND (CAST(:outcome AS text) IS NULL OR outcome = CAST(:outcome AS text))
            ORDER BY at DESC, id DESC LIMIT :limit""")
    List<AuditEventRow> newest(@Nullable Instant since, @Nullable Instant before, @Nullable String outcome, int limit);

    @Query("""
            SELECT * FROM audit_event
            WHERE installation_id = :installationId AND at >= COALESCE(CAST(:since AS timestamptz), '-infinity')
              AND at < COALESCE(CAST(:before AS timestamptz), 'infinity')
              AND (CAST(:outcome AS text) IS NULL OR outcome = CAST(:outcome AS text))
            ORDER BY at DESC, id DESC LIMIT :limit""")
    List<AuditEventRow> newestFor(
            UUID installationId,
            @Nullable Instant since,
            @Nullable Instant before,
            @Nullable String outcome,
            int limit);
}
