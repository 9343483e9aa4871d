package dev.gatehouse.adapters.persistence.health;

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
import java.util.LinkedHashMap;
import java.util.Map;
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
 */
@Singleton
@Readiness
@Requires(beans = HealthEndpoint.class)
public final class DatabaseReadiness implements HealthIndicator {

    static final String NAME = "database";
    static final Duration BUDGET = Duration.ofMillis(2500);

    private final DataSource dataSource;
    private final ExecutorService executor;
    private final SecretCipher cipher;

    public DatabaseReadiness(
            DataSource dataSource,
            DataSourceResolver resolver,
            @Named(TaskExecutors.IO) ExecutorService executor,
            SecretCipher cipher) {
        this.dataSource = resolver.resolve(dataSource);
        this.executor = executor;
        this.cipher = cipher;
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
            try (ResultSet newest =
                    statement.executeQuery("SELECT secret FROM installation ORDER BY updated_at DESC LIMIT 1")) {
                if (newest.next()) {
                    try {
                        cipher.open(newest.getString(1));
                    } catch (IllegalArgumentException e) {
                        details.put(
                                "error",
                                "the stored secrets were sealed with a master key this replica does not have: "
                                        + "set GATEHOUSE_MASTER_KEY to that key, or add it to GATEHOUSE_PREVIOUS_MASTER_KEYS");
                        return HealthResult.builder(NAME, HealthStatus.DOWN)
                                .details(details)
                                .build();
                    }
                }
            }
            return HealthResult.builder(NAME, HealthStatus.UP).details(details).build();
        } catch (SQLException | RuntimeException e) {
            // the driver's message can name host and database, never credentials; the SQLSTATE is enough here
            String state = e instanceof SQLException sql && sql.getSQLState() != null
                    ? " (SQLSTATE " + sql.getSQLState() + ")"
                    : "";
            return down("the database is unreachable: " + e.getClass().getSimpleName() + state);
        }
    }

    private static HealthResult down(String why) {
        return HealthResult.builder(NAME, HealthStatus.DOWN)
                .details(Map.of("error", why))
                .build();
    }
}
