package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** Micronaut Data access to {@code oauth2_client}: one client per installation. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuth2ClientRows extends GenericRepository<OAuth2ClientRow, UUID> {

    Optional<OAuth2ClientRow> findById(UUID installationId);

    /**
     * Configuring again replaces the client. For an installation deleted meanwhile nothing is written: the client would
     * have gone with it.
     */
    @Query("""
            INSERT INTO oauth2_client (installation_id, client_id, client_secret, updated_at)
            SELECT id, :clientId, :clientSecret, now() FROM installation WHERE id = :installationId
            ON CONFLICT (installation_id) DO UPDATE
            SET client_id = EXCLUDED.client_id, client_secret = EXCLUDED.client_secret, updated_at = EXCLUDED.updated_at""")
    void upsert(UUID installationId, String clientId, String clientSecret);
}
