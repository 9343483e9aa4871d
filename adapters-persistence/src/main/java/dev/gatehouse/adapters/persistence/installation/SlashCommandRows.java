package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Micronaut Data access to {@code installation_slash_command}; only {@link JdbcInstallations} writes it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SlashCommandRows extends GenericRepository<SlashCommandRow, Void> {

    /** The commands of one page of installations (or of one), in one query. */
    List<SlashCommandRow> findByInstallationIdIn(Collection<UUID> installationIds);

    void saveAll(Iterable<SlashCommandRow> rows);

    int deleteByInstallationId(UUID installationId);
}
