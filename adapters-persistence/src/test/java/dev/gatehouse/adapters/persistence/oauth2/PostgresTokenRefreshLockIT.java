package dev.gatehouse.adapters.persistence.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.TokenRefreshLockContract;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.StorageUnavailableException;
import dev.gatehouse.domain.port.TokenRefreshLock;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The port contract on real Postgres: callers on separate threads, so separate pooled connections, race. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTokenRefreshLockIT extends TokenRefreshLockContract implements TestPropertyProvider {

    @Inject
    PostgresTokenRefreshLock lock;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    protected TokenRefreshLock lock() {
        return lock;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestDatabase.shared().stringProperties();
        // short database bounds, which waiting for the lock must outlast
        properties.put("gatehouse.database.socket-timeout", "1s");
        properties.put("gatehouse.database.statement-timeout", "500ms");
        return properties;
    }

    @Test
    void waitingForTheLockOutlastsThePoolsSocketAndStatementTimeouts() throws Exception {
        InstallationId installation = InstallationId.random();
        Holder holder = hold(lock, installation, "u1");
        var waiter = inThread(() -> lock.exclusively(installation, "u1", () -> "after"));
        Thread.sleep(1_500); // past both timeouts, still waiting in pg_advisory_lock
        holder.release();
        assertThat(waiter.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("after");
        try (Connection connection = resolver.resolve(dataSource).getConnection();
                Statement show = connection.createStatement();
                ResultSet timeout = show.executeQuery("SHOW statement_timeout")) {
            timeout.next();
            assertThat(timeout.getString(1)).isEqualTo("500ms"); // the pool's bound again
            assertThat(connection.getNetworkTimeout()).isEqualTo(1_000);
        }
    }

    @Test
    void aCallerKeptWaitingBeyondTheLockTimeoutGetsStorageUnavailable() throws Exception {
        PostgresTokenRefreshLock impatient = new PostgresTokenRefreshLock(
                dataSource, resolver, new TokenRefreshLockConfiguration(Duration.ofMillis(200)));
        InstallationId installation = InstallationId.random();
        Holder holder = hold(lock, installation, "u1");
        try {
            assertThatThrownBy(() -> impatient.exclusively(installation, "u1", () -> "never"))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("55P03"); // lock_not_available
        } finally {
            holder.release();
        }
        assertThat(holder.result()).isEqualTo("held");
    }

    @Test
    void aConnectionGoesBackToThePoolWithoutTheLockTimeoutEvenWhenTheLockWasNotTaken() throws Exception {
        // one connection, handed out again and again, as a pool may do
        try (Connection only = resolver.resolve(dataSource).getConnection()) {
            DataSource oneConnection = (DataSource) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (c, m, a) -> {
                                    if (m.getName().equals("close")) {
                                        return null; // back to the "pool"
                                    }
                                    return m.invoke(only, a);
                                });
                    });
            PostgresTokenRefreshLock impatient = new PostgresTokenRefreshLock(
                    oneConnection, resolver, new TokenRefreshLockConfiguration(Duration.ofMillis(150)));
            InstallationId installation = InstallationId.random();
            Holder holder = hold(lock, installation, "u1");
            try {
                assertThatThrownBy(() -> impatient.exclusively(installation, "u1", () -> "never"))
                        .isInstanceOf(StorageUnavailableException.class);
            } finally {
                holder.release();
            }
            try (Statement show = only.createStatement();
                    ResultSet timeout = show.executeQuery("SHOW lock_timeout")) {
                timeout.next();
                assertThat(timeout.getString(1)).isEqualTo("0");
            }
        }
    }
}
