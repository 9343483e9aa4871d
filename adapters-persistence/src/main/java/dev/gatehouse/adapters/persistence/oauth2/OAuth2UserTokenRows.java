package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** Micronaut Data access to {@code oauth2_user_token}: one token per installation and Mattermost user. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuth2UserTokenRows extends GenericRepository<OAuth2UserTokenRow, Void> {

    Optional<OAuth2UserTokenRow> findByInstallationIdAndUserId(UUID installationId, String userId);

    /**
     * Connecting again, or a renewal, replaces the token. For an installation deleted meanwhile nothing is written: the
     * token would have gone with it.
     */
    @Query("""
            INSERT INTO oauth2_user_token (installation_id, user_id, token, updated_at)
            SELECT id, :userId, :token, now() FROM installation WHERE id = :installationId
            ON CONFLICT (installation_id, user_id) DO UPDATE
            SET token = EXCLUDED.token, updated_at = EXCLUDED.updated_at""")
    void upsert(UUID installationId, String userId, String token);

    int deleteByInstallationIdAndUserId(UUID installationId, String userId);
}
