package dev.gatehouse.adapters.persistence.console;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/** Micronaut Data access to {@code console_sign_in_link}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConsoleSignInLinkRows extends GenericRepository<ConsoleSignInLinkRow, String> {

    @Query("""
            INSERT INTO console_sign_in_link (token_digest, operator, created_at, expires_at)
            VALUES (:tokenDigest, :operator, :createdAt, :expiresAt)""")
    void insert(String tokenDigest, String operator, Instant createdAt, Instant expiresAt);

    /**
     * Marks the link spent: 1 when this statement did, 0 when it is unknown, spent or expired. Concurrent spends of
     * one link wait for each other on the row, and the later one finds it spent.
     */
    @Query("""
            UPDATE console_sign_in_link SET spent_at = :now
            WHERE token_digest = :tokenDigest AND spent_at IS NULL AND expires_at > :now""")
    int markSpent(String tokenDigest, Instant now);

    Optional<ConsoleSignInLinkRow> findById(String tokenDigest);

    /** Links expired for a day are of no use, not even to explain a refusal. */
    @Query("DELETE FROM console_sign_in_link WHERE expires_at < :before")
    int deleteExpiredBefore(Instant before);
}
