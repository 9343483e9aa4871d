package dev.gatehouse.adapters.persistence;

import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Tells "the database cannot be reached" apart from every other failure, so adapters can throw the domain's
 * {@link StorageUnavailableException} (503, retry later) instead of a driver exception. The message names only
 * the operation: driver messages can carry SQL values and are left to the cause.
 */
public final class StorageFailures {

    private static final String STATEMENT_TIMEOUT = "57014";

    private StorageFailures() {}

    /** {@code e} translated to {@link StorageUnavailableException} when it is a connection-level failure, else as is. */
    public static RuntimeException translate(RuntimeException e, String operation) {
        if (e instanceof StorageUnavailableException) {
            return e;
        }
        return isConnectionFailure(e)
                ? new StorageUnavailableException("database unavailable while trying to " + operation, e)
                : e;
    }

    static boolean isConnectionFailure(Throwable e) {
        return isConnectionFailure(e, 0);
    }

    /** Walks causes and suppressed exceptions: cleanup after a broken connection can mask the original failure. */
    private static boolean isConnectionFailure(Throwable t, int depth) {
        if (t == null || depth > 16) {
            return false;
        }
        if (isConnectionLevel(t)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (isConnectionFailure(suppressed, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && isConnectionFailure(t.getCause(), depth + 1);
    }

    private static boolean isConnectionLevel(Throwable t) {
        return t instanceof ConnectionException // Micronaut could not get or reset a connection
                || t instanceof CannotGetJdbcConnectionException
                || t instanceof SQLTransientConnectionException // pool timeout (Hikari)
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException
                || t instanceof SocketException // connection refused / reset
                || t instanceof SQLException sql && isConnectionState(sql.getSQLState());
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01-57P03 (server shutting down / not accepting connections), and
     * 57014 (statement cancelled: the only canceller is {@code gatehouse.database.statement-timeout}, so the
     * database is too slow to answer in time, which a caller should treat like an outage and retry later).
     */
    private static boolean isConnectionState(String state) {
        return Optional.ofNullable(state)
                .map(s -> s.startsWith("08")
                        || s.equals("57P01")
                        || s.equals("57P02")
                        || s.equals("57P03")
                        || s.equals(STATEMENT_TIMEOUT))
                .orElse(false);
    }

    /**
     * Whether a connection-level failure happened on a connection the pool had handed out (broken under us), as
     * opposed to the pool being unable to get one or a statement timing out: only the former is worth an immediate
     * retry.
     */
    public static boolean brokeInUse(Throwable e) {
        if (!isConnectionFailure(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException) {
                return false;
            }
            if (t instanceof SQLException sql && STATEMENT_TIMEOUT.equals(sql.getSQLState())) {
                return false; // the connection is fine, the database slow: retrying would double the wait
            }
        }
        return true;
    }

    /** The first SQL exception in the cause chain, if any. */
    public static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
