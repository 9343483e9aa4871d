package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit events of refused calls off the request thread: a refusal is answered at once, whatever the
 * database does. One writer thread and a bounded queue, so a flood of bad calls while the database is slow cannot
 * pile up threads or memory; what does not fit is dropped and counted ({@code gatehouse.audit.dropped}).
 */
@Singleton
final class RejectionAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionAudit.class);
    private static final int QUEUE = 10_000;

    private final RecordRejection recordRejection;
    private final Clock clock;
    private final Counter dropped;
    private final ThreadPoolExecutor writer;

    RejectionAudit(RecordRejection recordRejection, Clock clock, MeterRegistry registry) {
        this.recordRejection = recordRejection;
        this.clock = clock;
        this.dropped = Counter.builder("gatehouse.audit.dropped")
                .description("Audit events of refused calls dropped because the audit writer was backed up")
                .register(registry);
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-rejection-audit");
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> {
            dropped.increment();
            LOG.warn("audit writer backed up: dropped the audit event of a refused call");
        });
    }

    void record(InstallationId installationId, RejectionReason reason, String path) {
        Instant at = clock.instant();
        writer.execute(() -> recordRejection.record(installationId, reason, path, at));
    }

    /** Finishes queued events on shutdown, for a bounded time. */
    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("audit writer did not finish in time; {} events of refused calls not written", writer.getQueue().size());
            writer.shutdownNow();
        }
    }
}
