package dev.gatehouse.adapters.persistence.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Add to and read counts; the table refuses anything that would lower, move or delete one. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RefusalCountRows extends GenericRepository<RefusalCountRow, Void> {

    /** Adds one count to the stored one of its installation, reason and minute, or stores it. */
    @Query("""
            INSERT INTO audit_refusal_counts AS c (installation_id, reason, minute, count, first_seen, last_seen)
            VALUES (:installationId, :reason, :minute, :count, :firstSeen, :lastSeen)
            ON CONFLICT (installation_id, reason, minute) DO UPDATE SET
                count = c.count + excluded.count,
                first_seen = least(c.first_seen, excluded.first_seen),
                last_seen = greatest(c.last_seen, excluded.last_seen)""")
    int add(UUID installationId, String reason, Instant minute, long count, Instant firstSeen, Instant lastSeen);

    @Query("""
            SELECT * FROM audit_refusal_counts
            WHERE last_seen >= COALESCE(CAST(:since AS timestamptz), '-infinity')
              AND last_seen < COALESCE(CAST(:before AS timestamptz), 'infinity')
            ORDER BY last_seen DESC, installation_id, reason LIMIT :limit""")
    List<RefusalCountRow> newest(@Nullable Instant since, @Nullable Instant before, int limit);

    @Query("""
            SELECT * FROM audit_refusal_counts
            WHERE installation_id = :installationId AND last_seen >= COALESCE(CAST(:since AS timestamptz), '-infinity')
              AND last_seen < COALESCE(CAST(:before AS timestamptz), 'infinity')
            ORDER BY last_seen DESC, reason LIMIT :limit""")
    List<RefusalCountRow> newestFor(UUID installationId, @Nullable Instant since, @Nullable Instant before, int limit);

    /**
     * Deletes audit events and counts older than {@code bound} through the one function allowed to (never anything
     * younger than a day, whatever the bound); answers how many rows went.
     */
    @Query("SELECT purge_audit_before(:bound)")
    long purgeBefore(Instant bound);
}
