package dev.gatehouse.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Flyway migrates on connections of its own, outside the pool: a migration may rightly run for minutes, far beyond
 * the socket and statement timeouts that bound request work ({@link BoundedDatabaseWaits}); giving it pooled
 * connections would either kill the migration or hand the pool a connection without bounds afterwards. Its bound is
 * {@code gatehouse.database.migration-timeout}.
 */
@Singleton
@Named(MigrationConnections.DATASOURCE)
final class MigrationConnections implements FlywayConfigurationCustomizer {

    static final String DATASOURCE = "default";

    private final DatasourceConfiguration datasource;
    private final DatabaseConfiguration timeouts;

    MigrationConnections(@Named(DATASOURCE) DatasourceConfiguration datasource, DatabaseConfiguration timeouts) {
        this.datasource = datasource;
        this.timeouts = timeouts;
    }

    @Override
    public String getName() {
        return DATASOURCE;
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        configuration.dataSource(dataSource());
    }

    /** The pool's URL, user and driver properties (SSL and the like), with the migration's bounds instead. */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource migration = new PGSimpleDataSource();
        migration.setURL(datasource.getUrl());
        migration.setUser(datasource.getUsername());
        migration.setPassword(datasource.getPassword());
        Properties pool = datasource.getDataSourceProperties();
        Properties properties = new Properties();
        properties.putAll(pool);
        properties.putAll(BoundedDatabaseWaits.driverProperties(
                timeouts,
                timeouts.migrationTimeout().toSeconds(),
                timeouts.migrationTimeout().toMillis()));
        if (pool.containsKey(BoundedDatabaseWaits.OPTIONS)) { // the operator's options kept, the later -c winning
            properties.setProperty(
                    BoundedDatabaseWaits.OPTIONS,
                    pool.getProperty(BoundedDatabaseWaits.OPTIONS) + " "
                            + properties.getProperty(BoundedDatabaseWaits.OPTIONS));
        }
        properties.setProperty("ApplicationName", "gatehouse-migration");
        for (String name : properties.stringPropertyNames()) {
            try {
                migration.setProperty(name, properties.getProperty(name));
            } catch (SQLException e) {
                throw new IllegalArgumentException(
                        "datasources.default.data-source-properties." + name + " is not a Postgres driver property", e);
            }
        }
        return migration;
    }
}
