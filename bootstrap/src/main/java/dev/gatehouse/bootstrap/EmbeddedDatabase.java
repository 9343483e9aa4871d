package dev.gatehouse.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup default: a real Postgres (zonky's embedded binaries) whose data lives in {@code <data-dir>/pg}
 * and survives restarts. Three cases on start:
 * <ul>
 *   <li>no server runs on the data directory: start one and own it (stop it on {@link #close()});</li>
 *   <li>a server runs and the Gatehouse process that started it is alive (e.g. the CLI while the server runs):
 *       use it, do not own it;</li>
 *   <li>a server runs but its Gatehouse process is gone (killed with -9): stop that orphan, then start and own one.</li>
 * </ul>
 * A {@code postmaster.pid} left by a dead server is removed before starting.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String OWNER_FILE = "gatehouse-owner.pid";

    private final EmbeddedPostgres owned;
    private final int port;
    private final Path pgDir;

    private EmbeddedDatabase(EmbeddedPostgres owned, int port, Path pgDir) {
        this.owned = owned;
        this.port = port;
        this.pgDir = pgDir;
    }

    static EmbeddedDatabase start(Path dataDir, int port) {
        Path pgDir = dataDir.resolve("pg").toAbsolutePath();
        try {
            Files.createDirectories(pgDir);
            Optional<RunningServer> running = RunningServer.read(pgDir);
            if (running.isPresent() && running.get().alive()) {
                if (running.get().ownerAlive(pgDir)) {
                    LOG.info(
                            "Using the embedded Postgres already running on port {} (data in {})",
                            running.get().port(),
                            pgDir);
                    return new EmbeddedDatabase(null, running.get().port(), pgDir);
                }
                LOG.warn(
                        "Stopping an orphaned embedded Postgres (pid {}) left by a Gatehouse process that is gone",
                        running.get().pid());
                running.get().stop();
            }
            Files.deleteIfExists(pgDir.resolve("postmaster.pid"));
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            Files.writeString(
                    pgDir.resolve(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.US_ASCII);
            LOG.info(
                    "Embedded Postgres started on port {} in {} ms (data in {})",
                    port,
                    (System.nanoTime() - started) / 1_000_000,
                    pgDir);
            return new EmbeddedDatabase(postgres, port, pgDir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start the embedded Postgres in " + pgDir + ": " + e.getMessage(), e);
        }
    }

    Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
            Files.deleteIfExists(pgDir.resolve(OWNER_FILE));
            LOG.info("Embedded Postgres stopped");
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded Postgres cleanly: {}", e.getMessage());
        }
    }

    /** What {@code postmaster.pid} says: line 1 the postmaster's pid, line 4 its port. */
    private record RunningServer(long pid, int port) {

        static Optional<RunningServer> read(Path pgDir) throws IOException {
            Path pidFile = pgDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            try {
                return Optional.of(new RunningServer(
                        Long.parseLong(lines.get(0).strip()),
                        Integer.parseInt(lines.get(3).strip())));
            } catch (RuntimeException e) {
                return Optional.empty(); // half-written or foreign: treat as stale
            }
        }

        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        boolean ownerAlive(Path pgDir) throws IOException {
            Path owner = pgDir.resolve(OWNER_FILE);
            if (!Files.exists(owner)) {
                return false;
            }
            try {
                long ownerPid = Long.parseLong(
                        Files.readString(owner, StandardCharsets.US_ASCII).strip());
                return ownerPid != ProcessHandle.current().pid()
                        && ProcessHandle.of(ownerPid)
                                .map(p -> p.isAlive()
                                        && p.info()
                                                .command()
                                                .map(c -> c.contains("java"))
                                                .orElse(true))
                                .orElse(false);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        void stop() {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy(); // SIGTERM: Postgres "smart" shutdown; the orphan has no clients left
                try {
                    p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
    }
}
