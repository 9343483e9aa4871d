package dev.gatehouse.adapters.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gatehouse.database.*}: how long any one wait on the database may last, so a request caught by a silent
 * partition (packets dropped, no reset) still ends with a 503 within the 10 s the design promises.
 *
 * @param connectTimeout   {@code gatehouse.database.connect-timeout}: opening a connection (TCP and login)
 * @param socketTimeout    {@code gatehouse.database.socket-timeout}: one read from the database's socket; a
 *                         connection whose read times out is closed
 * @param statementTimeout {@code gatehouse.database.statement-timeout}: Postgres cancels a statement running longer
 *                         (the connection stays usable); below the socket timeout so it comes first
 * @param migrationTimeout {@code gatehouse.database.migration-timeout}: socket and statement timeout of the
 *                         separate connection Flyway migrates on at startup
 */
@ConfigurationProperties(DatabaseConfiguration.PREFIX)
public record DatabaseConfiguration(
        @Bindable(defaultValue = "3s") Duration connectTimeout,
        @Bindable(defaultValue = "5s") Duration socketTimeout,
        @Bindable(defaultValue = "4s") Duration statementTimeout,
        @Bindable(defaultValue = "30m") Duration migrationTimeout) {

    public static final String PREFIX = "gatehouse.database";

    public DatabaseConfiguration {
        requireWholeSeconds(connectTimeout, "connect-timeout", "3s");
        requireWholeSeconds(socketTimeout, "socket-timeout", "5s");
        requireWholeSeconds(migrationTimeout, "migration-timeout", "30m");
        if (statementTimeout == null || statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".statement-timeout must be a positive duration, such as 4s");
        }
        if (statementTimeout.compareTo(socketTimeout) >= 0) {
            throw new IllegalArgumentException(PREFIX + ".statement-timeout must be shorter than " + PREFIX
                    + ".socket-timeout, so a slow statement is cancelled before its connection is dropped");
        }
    }

    /** The Postgres driver counts these in whole seconds. */
    private static void requireWholeSeconds(Duration value, String key, String example) {
        if (value == null || value.toSeconds() < 1 || value.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(
                    PREFIX + "." + key + " must be a whole number of seconds, at least 1, such as " + example);
        }
    }
}
