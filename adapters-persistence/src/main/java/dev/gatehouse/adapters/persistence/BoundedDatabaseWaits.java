package dev.gatehouse.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Properties;

/**
 * Gives the pool's connections the driver settings that bound every wait on the database ({@link
 * DatabaseConfiguration}), whatever the datasource (external or embedded): without a socket timeout a connection
 * whose packets are silently dropped blocks its thread in a socket read until the OS gives up, minutes later. A
 * value the operator set (in {@code datasources.default.data-source-properties} or the JDBC URL) wins.
 */
@Singleton
final class BoundedDatabaseWaits implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final String OPTIONS = "options";

    private final DatabaseConfiguration timeouts;

    BoundedDatabaseWaits(DatabaseConfiguration timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        Properties given = datasource.getDataSourceProperties();
        driverProperties(
                        timeouts,
                        timeouts.socketTimeout().toSeconds(),
                        timeouts.statementTimeout().toMillis())
                .forEach((key, value) -> {
                    if (key.equals(OPTIONS) && given.containsKey(OPTIONS)) {
                        datasource.addDataSourceProperty(OPTIONS, withStatementTimeout(given, (String) value));
                    } else if (!given.containsKey(key)) {
                        datasource.addDataSourceProperty((String) key, value);
                    }
                });
        return datasource;
    }

    /** pgjdbc connection properties for the given read and statement bounds. */
    static Properties driverProperties(DatabaseConfiguration timeouts, long socketSeconds, long statementMillis) {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Long.toString(timeouts.connectTimeout().toSeconds()));
        p.setProperty("loginTimeout", Long.toString(timeouts.connectTimeout().toSeconds()));
        p.setProperty("socketTimeout", Long.toString(socketSeconds));
        p.setProperty("tcpKeepAlive", "true");
        // a session default sent at login: it holds on every connection and survives RESET ALL / DISCARD
        p.setProperty(OPTIONS, "-c statement_timeout=" + statementMillis);
        return p;
    }

    /** The operator's own {@code options}, with the statement timeout added unless they set one. */
    private static String withStatementTimeout(Properties given, String ours) {
        String theirs = given.getProperty(OPTIONS);
        return theirs.contains("statement_timeout") ? theirs : theirs + " " + ours;
    }
}
