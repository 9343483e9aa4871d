package dev.gatehouse.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before the application context starts, where the database is and where the keys come from:
 * with no {@code datasources.default.url}, an embedded Postgres in the data directory and keys generated there;
 * with an external database, missing keys are an error that names the variable to set.
 */
final class StartupSettings implements AutoCloseable {

    static final String DATA_DIR = "gatehouse.data-dir";
    static final String MASTER_KEY = "gatehouse.master-key";
    static final String ADMIN_SECRET = "gatehouse.admin.jwt-secret";
    static final String EMBEDDED_PORT = "gatehouse.embedded-database.port";
    static final int DEFAULT_EMBEDDED_PORT = 15432;

    private final Map<String, Object> properties;
    private final EmbeddedDatabase embedded;

    private StartupSettings(Map<String, Object> properties, EmbeddedDatabase embedded) {
        this.properties = properties;
        this.embedded = embedded;
    }

    /** Thrown when the configuration cannot work; the message says what to set. */
    static final class MisconfiguredException extends RuntimeException {
        MisconfiguredException(String message) {
            super(message);
        }
    }

    static StartupSettings resolve(String[] args) {
        if (externalAndComplete()) {
            return new StartupSettings(new HashMap<>(), null); // the usual production case: nothing to decide, no probe
        }
        try (ApplicationContext probe =
                ApplicationContext.builder().args(args).deduceEnvironment(false).build()) {
            Environment env = probe.getEnvironment().start();
            Path dataDir = Path.of(env.getProperty(DATA_DIR, String.class).orElse("data"))
                    .toAbsolutePath()
                    .normalize();
            Optional<String> url =
                    env.getProperty("datasources.default.url", String.class).filter(s -> !s.isBlank());
            Optional<String> masterKey =
                    env.getProperty(MASTER_KEY, String.class).filter(s -> !s.isBlank());
            Optional<String> adminSecret =
                    env.getProperty(ADMIN_SECRET, String.class).filter(s -> !s.isBlank());
            int port = env.getProperty(EMBEDDED_PORT, Integer.class).orElse(DEFAULT_EMBEDDED_PORT);
            env.stop();

            Map<String, Object> properties = new HashMap<>();
            if (url.isPresent()) {
                if (masterKey.isEmpty()) {
                    throw new MisconfiguredException(
                            "GATEHOUSE_MASTER_KEY is not set: with an external database the master key must be "
                                    + "given (base64 of 32 random bytes, e.g. `openssl rand -base64 32`); keep it safe, stored secrets need it");
                }
                if (adminSecret.isEmpty()) {
                    throw new MisconfiguredException(
                            "GATEHOUSE_ADMIN_JWT_SECRET is not set: with an external database the admin JWT "
                                    + "secret must be given (at least 32 characters, e.g. `openssl rand -base64 32`)");
                }
                return new StartupSettings(properties, null);
            }
            if (masterKey.isEmpty()) {
                properties.put(MASTER_KEY, KeyFiles.readOrGenerate(dataDir.resolve("master.key"), false, "master key"));
            }
            if (adminSecret.isEmpty()) {
                properties.put(
                        ADMIN_SECRET,
                        KeyFiles.readOrGenerate(dataDir.resolve("admin-jwt.secret"), true, "admin JWT secret"));
            }
            EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir, port);
            properties.putAll(embedded.datasourceProperties());
            return new StartupSettings(properties, embedded);
        }
    }

    /** The database and both keys come from the environment or system properties. */
    private static boolean externalAndComplete() {
        return given("datasources.default.url", "DATASOURCES_DEFAULT_URL")
                && given(MASTER_KEY, "GATEHOUSE_MASTER_KEY")
                && given(ADMIN_SECRET, "GATEHOUSE_ADMIN_JWT_SECRET");
    }

    private static boolean given(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value != null && !value.isBlank();
    }

    Map<String, Object> properties() {
        return properties;
    }

    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
