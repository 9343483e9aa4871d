package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.testing.Eventually;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A silent partition (packets dropped, nothing closed) between the pool and the database: work already in flight and
 * work begun during it fail with StorageUnavailableException within the design's 10 s, instead of blocking in a socket
 * read until the OS gives up. Short timeouts here (socket 2 s, statement 1 s) keep it quick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseStallIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private TcpProxy proxy;
    private ApplicationContext context;
    private DataSource pool;

    @BeforeAll
    void start() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        proxy = TcpProxy.start(database.host(), database.port());
        Map<String, Object> properties =
                database.via(proxy.host(), proxy.port()).properties();
        properties.put("gatehouse.database.connect-timeout", "1s");
        properties.put("gatehouse.database.socket-timeout", "2s");
        properties.put("gatehouse.database.statement-timeout", "1s");
        context = ApplicationContext.run(properties);
        pool = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    }

    @AfterEach
    void heal() {
        proxy.restore();
        Eventually.within(BOUND, "the pool answers again", () -> {
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                return statement.execute("SELECT 1");
            } catch (SQLException e) {
                return false;
            }
        });
    }

    @AfterAll
    void stop() {
        context.close();
        proxy.close();
    }

    @Test
    void aCommitInFlightWhenThePartitionStartsFailsAsStorageUnavailableWithinTheBound() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            proxy.stall();
            long started = System.nanoTime();
            // before socket timeouts this blocked in a socket read for minutes (the red team's PgConnection.commit)
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(connection::commit)
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(StorageFailures.translate(new RuntimeException(e), "commit"))
                                    .isInstanceOf(StorageUnavailableException.class)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aLookupOnAConnectionTheStallCaughtFailsAsStorageUnavailableWithinTheBound() {
        JdbcInstallations installations = context.getBean(JdbcInstallations.class);
        Installation added = installations.add(InstallationFixtures.anActive());
        assertThat(installations.findById(added.id())).isPresent(); // the pool now skips validating that connection

        proxy.stall();
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> installations.findById(added.id()))
                        .isInstanceOf(StorageUnavailableException.class));
        // and a lookup begun during the stall, on whatever connection the pool has left
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> installations.findById(added.id()))
                        .isInstanceOf(StorageUnavailableException.class));
    }

    @Test
    void aStatementRunningPastTheStatementTimeoutIsCancelledAndTheConnectionStaysUsable() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(show(statement, "statement_timeout")).isEqualTo("1s");
            long started = System.nanoTime();
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(5)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
                    .satisfies(e -> assertThat(StorageFailures.translate(new RuntimeException(e), "sleep"))
                            .isInstanceOf(StorageUnavailableException.class))
                    .satisfies(e -> assertThat(StorageFailures.brokeInUse(e)).isFalse());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(statement.execute("SELECT 1")).isTrue();
        }
    }

    @Test
    void migrationsRunOnTheirOwnConnectionsWithTheMigrationTimeout() throws SQLException {
        DataSource migrations = context.getBean(Flyway.class, Qualifiers.byName("default"))
                .getConfiguration()
                .getDataSource();
        assertThat(migrations).isNotSameAs(pool);
        try (Connection connection = migrations.getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(show(statement, "statement_timeout")).isEqualTo("30min");
            assertThat(show(statement, "application_name")).isEqualTo("gatehouse-migration");
            assertThat(connection.getNetworkTimeout())
                    .isEqualTo((int) Duration.ofMinutes(30).toMillis());
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
