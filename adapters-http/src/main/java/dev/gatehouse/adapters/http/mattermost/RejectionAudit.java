package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit events of refused calls off the request thread: a refusal is answered at once, whatever the
 * database does. One writer thread and a bounded queue, so a flood of bad calls while the database is slow cannot
 * pile up threads or memory. While the database is unavailable the writer retries each event with backoff for up to
 * {@link #DEFAULT_RETRY_FOR}, so a short outage loses nothing; an event that still cannot be written, or that does not
 * fit in the queue, is dropped, logged and counted ({@code gatehouse.audit.dropped}).
 */
@Singleton
final class RejectionAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionAudit.class);
    private static final int QUEUE = 10_000;
    static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(2);

    private final RecordRejection recordRejection;
    private final Clock clock;
    private final Counter dropped;
    private final ThreadPoolExecutor writer;

    private final Duration retryFor;

    @Inject
    RejectionAudit(UseCases useCases, Clock clock, MeterRegistry registry) {
        this(useCases.recordRejection(), clock, registry, DEFAULT_RETRY_FOR);
    }

    RejectionAudit(RecordRejection recordRejection, Clock clock, MeterRegistry registry, Duration retryFor) {
        this.recordRejection = recordRejection;
        this.clock = clock;
        this.retryFor = retryFor;
        this.dropped = Counter.builder("gatehouse.audit.dropped")
                .description(
                        "Audit events of refused calls dropped: the writer was backed up or the database stayed unavailable")
                .register(registry);
        this.writer = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-rejection-audit");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> {
                    dropped.increment();
                    LOG.warn("audit writer backed up: dropped the audit event of a refused call");
                });
    }

    void record(InstallationId installationId, RejectionReason reason, String path) {
        Instant at = clock.instant();
        writer.execute(() -> write(installationId, reason, path, at));
    }

    private void write(InstallationId installationId, RejectionReason reason, String path, Instant at) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoffMillis = 100;
        while (true) {
            try {
                recordRejection.record(installationId, reason, path, at);
                return;
            } catch (StorageUnavailableException e) {
                if (System.nanoTime() + backoffMillis * 1_000_000 > deadline || !sleep(backoffMillis)) {
                    drop(reason, path, "the database stayed unavailable");
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            } catch (RuntimeException e) {
                drop(reason, path, e.getClass().getSimpleName());
                return;
            }
        }
    }

    private void drop(RejectionReason reason, String path, String why) {
        dropped.increment();
        LOG.warn("could not audit a refused call ({} {}): {}", reason.code(), path, why);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Finishes queued events on shutdown, for a bounded time. */
    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn(
                    "audit writer did not finish in time; {} events of refused calls not written",
                    writer.getQueue().size());
            writer.shutdownNow();
        }
    }
}
