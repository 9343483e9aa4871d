package dev.gatehouse.adapters.persistence.installation;

import dev.gatehouse.domain.installation.InstallationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears about installation changes made through any replica ({@code pg_notify} from {@link JdbcInstallations}) and
 * invalidates this replica's {@link CachingInstallations}. It holds its own connection (LISTEN is per session, so a
 * pooled connection will not do), polled by one daemon thread. When the connection breaks, it reconnects with
 * backoff and then marks the whole cache for revalidation, because notifications sent in between are lost (entries
 * are still served if the database goes away again before they could be read).
 */
@Context
@Requires(property = "datasources.default.url")
public final class InstallationChangeListener {

    public static final String CHANNEL = "gatehouse_installations";

    private static final Logger LOG = LoggerFactory.getLogger(InstallationChangeListener.class);
    private static final int POLL_MILLIS = 500;
    /** How often an idle connection is probed, so a silently dropped one is noticed. */
    private static final long PROBE_NANOS = Duration.ofSeconds(10).toNanos();

    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final String url;
    private final Properties connectionProperties = new Properties();
    private final CachingInstallations cache;
    private final Counter reconnects;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection connection;

    public InstallationChangeListener(
            @Named("default") DatasourceConfiguration datasource,
            CachingInstallations cache,
            @Nullable MeterRegistry meters) {
        this.url = datasource.getUrl();
        if (datasource.getUsername() != null) {
            connectionProperties.setProperty("user", datasource.getUsername());
        }
        if (datasource.getPassword() != null) {
            connectionProperties.setProperty("password", datasource.getPassword());
        }
        connectionProperties.setProperty("connectTimeout", "3");
        connectionProperties.setProperty("socketTimeout", "10");
        connectionProperties.setProperty("tcpKeepAlive", "true");
        connectionProperties.setProperty("ApplicationName", "gatehouse-change-listener");
        this.cache = cache;
        this.reconnects = (meters != null ? meters : new CompositeMeterRegistry())
                .counter("gatehouse.installations.listener.reconnects");
        // Listen before the context is up, so nothing cached from here on can miss a change; if the database is
        // not there yet, the thread keeps trying.
        try {
            connect();
        } catch (SQLException e) {
            LOG.warn("Cannot listen for installation changes yet ({}); retrying in the background", describe(e));
        }
        this.thread = new Thread(this::run, "gatehouse-installation-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the listener currently holds a LISTENing connection. */
    public boolean isListening() {
        return listening;
    }

    private void connect() throws SQLException {
        Connection fresh = DriverManager.getConnection(url, connectionProperties);
        try (Statement statement = fresh.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(fresh);
            throw e;
        }
        connection = fresh;
        listening = true;
        // whatever changed while nobody was listening is unknown: read everything again before trusting it
        cache.revalidateAll();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean lost = false;
        while (running) {
            try {
                if (connection == null) {
                    connect();
                    if (lost) {
                        reconnects.increment();
                        LOG.info("Listening for installation changes again; cache marked for revalidation");
                    }
                }
                backoff = FIRST_BACKOFF_MILLIS;
                lost = false;
                poll(connection);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                closeQuietly(connection);
                connection = null;
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.warn("Lost the installation change listener connection ({}); reconnecting", describe(e));
                }
                lost = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Returns only by throwing (connection lost) or when stopped. */
    private void poll(Connection listeningConnection) throws SQLException {
        PGConnection pg = listeningConnection.unwrap(PGConnection.class);
        long lastProbe = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    invalidate(notification.getParameter());
                }
            }
            if (System.nanoTime() - lastProbe > PROBE_NANOS) {
                try (Statement probe = listeningConnection.createStatement()) {
                    probe.execute("SELECT 1");
                }
                lastProbe = System.nanoTime();
            }
        }
    }

    private void invalidate(String payload) {
        try {
            cache.invalidate(InstallationId.parse(payload));
        } catch (IllegalArgumentException e) {
            cache.invalidateAll(); // not ours to interpret: be safe
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        listening = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }

    private static String describe(Exception e) {
        // SQLSTATE and type only: driver messages may carry host names, never what is worth hiding, but keep it terse
        return e instanceof SQLException sql && sql.getSQLState() != null
                ? e.getClass().getSimpleName() + ", SQLSTATE " + sql.getSQLState()
                : e.getClass().getSimpleName();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
