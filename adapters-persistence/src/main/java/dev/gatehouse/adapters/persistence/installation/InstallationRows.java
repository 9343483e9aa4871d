package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Micronaut Data access to {@code installation}; only what {@link JdbcInstallations} needs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InstallationRows extends GenericRepository<InstallationRow, UUID> {

    Optional<InstallationRow> findById(UUID id);

    @Query("SELECT * FROM installation ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<InstallationRow> listPage(int limit, long offset);

    long count();

    /** {@code pattern} is an ILIKE pattern with backslash escapes. */
    @Query("""
            SELECT * FROM installation WHERE name ILIKE :pattern OR site_url ILIKE :pattern
            ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
    List<InstallationRow> searchPage(String pattern, int limit, long offset);

    @Query("SELECT count(*) FROM installation WHERE name ILIKE :pattern OR site_url ILIKE :pattern")
    long countMatching(String pattern);

    @Query("SELECT id FROM installation")
    List<UUID> findAllIds();

    InstallationRow save(InstallationRow row);

    /** Versioned: updates only when the stored version equals {@code row.version()}, else OptimisticLockException. */
    InstallationRow update(InstallationRow row);

    int deleteById(UUID id);
}
