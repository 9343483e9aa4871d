package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** Micronaut Data access to {@code used_state_nonce}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UsedStateNonceRows extends GenericRepository<UsedStateNonceRow, String> {

    /**
     * 1 when this inserted the nonce, 0 when it was there already. Concurrent inserts of one nonce wait for each other
     * on the primary key, so exactly one of them counts 1, whichever replica it runs on.
     */
    @Query("INSERT INTO used_state_nonce (nonce, expires_at) VALUES (:nonce, :expiresAt) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String nonce, Instant expiresAt);

    /**
     * Forgets nonces whose state expired before {@code now() - keep} by the database's clock (one clock for every
     * replica); {@code keep} is an interval such as {@code 1 hour}.
     */
    @Query("DELETE FROM used_state_nonce WHERE expires_at < now() - CAST(:keep AS interval)")
    int deleteExpired(String keep);
}
