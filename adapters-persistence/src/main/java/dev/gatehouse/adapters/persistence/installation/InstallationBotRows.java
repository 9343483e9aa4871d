package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Micronaut Data access to {@code installation_bot}; only {@link JdbcInstallations} writes it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InstallationBotRows extends GenericRepository<InstallationBotRow, UUID> {

    Optional<InstallationBotRow> findById(UUID installationId);

    /** The bots of one page of installations, in one query. */
    List<InstallationBotRow> findByInstallationIdIn(Collection<UUID> installationIds);

    InstallationBotRow save(InstallationBotRow row);

    int deleteById(UUID installationId);
}
