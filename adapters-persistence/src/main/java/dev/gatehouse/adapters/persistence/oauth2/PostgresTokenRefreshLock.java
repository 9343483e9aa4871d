package dev.gatehouse.adapters.persistence.oauth2;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.StorageUnavailableException;
import dev.gatehouse.domain.port.TokenRefreshLock;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A session-level Postgres advisory lock per installation and user, held on its own connection (outside any
 * transaction) while the work runs — so replicas queue up and never redeem one refresh token twice.
 */
@Singleton
public final class PostgresTokenRefreshLock implements TokenRefreshLock {

    /** Beyond the lock timeout, so Postgres answers "lock not available" before anything else gives up. */
    private static final Duration LOCK_MARGIN = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final Duration maxWait;

    public PostgresTokenRefreshLock(
            DataSource dataSource, DataSourceResolver resolver, TokenRefreshLockConfiguration configuration) {
        // The raw pool, not the transaction-aware proxy: the lock must not join (or open) a transaction.
        this.dataSource = resolver.resolve(dataSource);
        this.maxWait = configuration.refreshLockTimeout();
    }

    @Override
    public <T> T exclusively(InstallationId installation, String userId, Supplier<T> work) {
        String key = "gatehouse:oauth2-refresh:" + installation + ":" + userId;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try {
                // Waiting for the lock is the point here: the pool's statement and socket timeouts
                // (gatehouse.database.*) are lifted to the lock's own bound for this connection, and put back below
                // (the pool resets the network timeout itself when the connection returns).
                try (Statement timeout = connection.createStatement()) {
                    timeout.execute("SET lock_timeout = " + maxWait.toMillis());
                    timeout.execute("SET statement_timeout = "
                            + maxWait.plus(LOCK_MARGIN).toMillis());
                }
                connection.setNetworkTimeout(
                        Runnable::run, (int) maxWait.plus(LOCK_MARGIN).toMillis());
                try (PreparedStatement lock =
                        connection.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, key);
                    lock.execute();
                }
                try {
                    return work.get();
                } finally {
                    try (PreparedStatement unlock =
                            connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                        unlock.setString(1, key);
                        unlock.execute();
                    }
                }
            } finally {
                // also when the lock was not taken in time: the connection goes back to the pool for other work
                try (Statement reset = connection.createStatement()) {
                    reset.execute("RESET lock_timeout");
                    reset.execute("RESET statement_timeout"); // back to the session default set at login
                }
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("could not take the token refresh lock: " + e.getSQLState(), e);
        }
    }
}
