package dev.gatehouse.adapters.persistence.health;

import dev.gatehouse.adapters.persistence.secrets.JdbcSealedValues;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;

/**
 * Ready when the database answers and the Flyway migrations are applied; DOWN otherwise, within {@link #BUDGET}
 * even when the database hangs (the check then goes on in the background and its late answer is dropped).
 * The master key is checked at startup by the cipher; here it must also open the stored secrets, so
 * a replica started with the wrong key is kept out of the load balancer instead of failing every call.
 *
 * <p>{@code sealedValues} says how many stored values are still under a previous master key or in an older format
 * (counted at most once a minute): while it is not 0, the previous key cannot be removed; {@code gatehouse secrets
 * reseal} brings it to 0. It never makes the check fail.
 */
@Singleton
@Readiness
@Requires(beans = HealthEndpoint.class)
public final class DatabaseReadiness implements HealthIndicator {

    static final String NAME = "database";
    static final Duration BUDGET = Duration.ofMillis(2500);
    static final Duration OUTDATED_COUNT_TTL = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final ExecutorService executor;
    private final SecretCipher cipher;
    private final JdbcSealedValues sealedValues;

    /** The last count of outdated sealed values, and when it was taken. */
    private record OutdatedCount(long count, Instant at) {}

    private volatile OutdatedCount outdated;

    public DatabaseReadiness(
            DataSource dataSource,
            DataSourceResolver resolver,
            @Named(TaskExecutors.IO) ExecutorService executor,
            SecretCipher cipher,
            JdbcSealedValues sealedValues) {
        this.dataSource = resolver.resolve(dataSource);
        this.executor = executor;
        this.cipher = cipher;
        this.sealedValues = sealedValues;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::check, executor)
                .completeOnTimeout(
                        down("the database did not answer within " + BUDGET.toMillis() + " ms"),
                        BUDGET.toMillis(),
                        TimeUnit.MILLISECONDS));
    }

    private HealthResult check() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, BUDGET.toSeconds()));
            Map<String, Object> details = new LinkedHashMap<>();
            try (ResultSet latest = statement.executeQuery(
                    "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
                            + " ORDER BY installed_rank DESC LIMIT 1")) {
                if (!latest.next()) {
                    return down("no migrations applied");
                }
                details.put("schemaVersion", latest.getString("version"));
                details.put("masterKeyId", cipher.currentKeyId());
                if (!latest.getBoolean("success")) {
                    details.put("error", "the latest migration failed");
                    return HealthResult.builder(NAME, HealthStatus.DOWN)
                            .details(details)
                            .build();
                }
            }
            // The newest registration, read through the (created_at, id) index: one row whatever the table's size
            // (ordering by updated_at, which has no index, sorted every row: 49 ms a probe at 100,000 installations).
            try (ResultSet newest = statement.executeQuery(
                    "SELECT id, secret FROM installation ORDER BY created_at DESC, id DESC LIMIT 1")) {
                if (newest.next()) {
                    try {
                        cipher.open(
                                newest.getString(2),
                                SecretOwner.installationSecret(new InstallationId(newest.getObject(1, UUID.class))));
                    } catch (IllegalArgumentException e) { // the cipher's messages name no secret
                        details.put(
                                "error",
                                "the stored secrets cannot be opened (" + e.getMessage() + "): if they were sealed with"
                                        + " another master key, set GATEHOUSE_MASTER_KEY to that key, or add it to"
                                        + " GATEHOUSE_PREVIOUS_MASTER_KEYS");
                        return HealthResult.builder(NAME, HealthStatus.DOWN)
                                .details(details)
                                .build();
                    }
                }
            }
            details.put("sealedValues", sealedValuesDetail());
            return HealthResult.builder(NAME, HealthStatus.UP).details(details).build();
        } catch (SQLException | RuntimeException e) {
            // the driver's message can name host and database, never credentials; the SQLSTATE is enough here
            String state = e instanceof SQLException sql && sql.getSQLState() != null
                    ? " (SQLSTATE " + sql.getSQLState() + ")"
                    : "";
            return down("the database is unreachable: " + e.getClass().getSimpleName() + state);
        }
    }

    private Map<String, Object> sealedValuesDetail() {
        OutdatedCount last = outdated;
        Instant now = Instant.now();
        if (last == null || last.at().plus(OUTDATED_COUNT_TTL).isBefore(now)) {
            try {
                long count = sealedValues.countOutdated().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                last = new OutdatedCount(count, now);
                outdated = last;
            } catch (RuntimeException e) { // informative only: never what makes the check fail
                return Map.of("outdated", "unknown");
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outdated", last.count());
        if (last.count() > 0) {
            detail.put(
                    "hint",
                    "values under a previous master key or in an older format remain: run `gatehouse secrets"
                            + " reseal` before removing a key from GATEHOUSE_PREVIOUS_MASTER_KEYS");
        }
        return detail;
    }

    private static HealthResult down(String why) {
        return HealthResult.builder(NAME, HealthStatus.DOWN)
                .details(Map.of("error", why))
                .build();
    }
}
