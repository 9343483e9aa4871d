package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.call.RefusalTally;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits refused calls off the request thread: a refusal is answered at once, whatever the database does. Three kinds:
 * <ul>
 *   <li>an unknown installation: nothing here (the rejection metric counts it): anyone can make up ids;
 *   <li>a refusal without a valid credential ({@link RejectionReason#withoutValidCredential()}): counted in memory per
 *       installation, reason and minute and written every {@code gatehouse.audit.refusal-flush-interval} (5 s) as a
 *       few upserts, so a flood of bogus tokens costs a few statements and rows per minute, not one per request, and
 *       never enters the event queue;
 *   <li>anything else (after a valid credential): one event, through a bounded queue and one writer thread.
 * </ul>
 * While the database is unavailable both retry for up to {@link #DEFAULT_RETRY_FOR}, so a short outage loses nothing;
 * what still cannot be written, or does not fit, is dropped, counted ({@code gatehouse.audit.dropped}) and reported in
 * at most one WARN line per 10 s.
 */
@Singleton
final class RejectionAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionAudit.class);
    private static final int QUEUE = 10_000;
    /** Distinct (installation, reason, minute) counts held between writes: only known installations make them. */
    private static final int MAX_COUNTS = 10_000;

    static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(2);

    private final RecordRejection recordRejection;
    private final Clock clock;
    private final Duration retryFor;
    private final AuditDropWarnings drops;
    private final ThreadPoolExecutor writer;
    private final RefusalTally tally = new RefusalTally(MAX_COUNTS);
    private final ScheduledExecutorService flusher;

    @Inject
    RejectionAudit(
            UseCases useCases,
            Clock clock,
            MeterRegistry registry,
            @Value("${gatehouse.audit.refusal-flush-interval:5s}") Duration flushEvery) {
        this(useCases.recordRejection(), clock, registry, DEFAULT_RETRY_FOR, flushEvery);
    }

    RejectionAudit(
            RecordRejection recordRejection,
            Clock clock,
            MeterRegistry registry,
            Duration retryFor,
            Duration flushEvery) {
        if (flushEvery == null || flushEvery.toMillis() < 1 || flushEvery.toMinutes() >= 1) {
            throw new IllegalArgumentException(
                    "gatehouse.audit.refusal-flush-interval must be a duration between 1ms and 59s, such as 5s");
        }
        this.recordRejection = recordRejection;
        this.clock = clock;
        this.retryFor = retryFor;
        this.drops = new AuditDropWarnings(
                Counter.builder("gatehouse.audit.dropped")
                        .description("Audit records of refused calls dropped: the writer was backed up or the"
                                + " database stayed unavailable")
                        .register(registry),
                System::nanoTime,
                AuditDropWarnings.EVERY);
        this.writer = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                daemon("gatehouse-rejection-audit"),
                (task, executor) -> drops.dropped(1, "the audit writer is backed up"));
        this.flusher = Executors.newSingleThreadScheduledExecutor(daemon("gatehouse-refusal-counts"));
        long every = flushEvery.toMillis();
        flusher.scheduleWithFixedDelay(this::flushCounts, every, every, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** @param installationId null when the route named no valid installation id */
    void record(InstallationId installationId, RejectionReason reason, String path) {
        if (installationId == null || reason == RejectionReason.INSTALLATION_UNKNOWN) {
            return;
        }
        Instant at = clock.instant();
        if (reason.withoutValidCredential()) {
            if (!tally.add(installationId, reason, at)) {
                drops.dropped(1, "too many distinct refusal counts waiting to be written");
            }
            return;
        }
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
                    drops.dropped(1, "the database stayed unavailable");
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            } catch (RuntimeException e) {
                drops.dropped(1, e.getClass().getSimpleName());
                return;
            }
        }
    }

    /**
     * Writes what was counted since the last flush, all or none. While the database is unavailable the counts go back
     * into the tally (and grow there) until they are older than the retry window.
     */
    private void flushCounts() {
        try {
            List<RefusalCount> counts = tally.drain();
            if (!counts.isEmpty()) {
                write(counts);
            }
            drops.reportIfDue();
        } catch (RuntimeException e) {
            LOG.warn("refusal counts flush failed: {}", e.getClass().getSimpleName()); // keep the schedule alive
        }
    }

    private void write(List<RefusalCount> counts) {
        try {
            recordRejection.recordCounts(counts);
        } catch (StorageUnavailableException e) {
            Instant giveUpBefore = clock.instant().minus(retryFor);
            List<RefusalCount> retry = new ArrayList<>();
            long expired = 0;
            for (RefusalCount count : counts) {
                if (count.lastSeen().isBefore(giveUpBefore)) {
                    expired += count.count();
                } else {
                    retry.add(count);
                }
            }
            if (expired > 0) {
                drops.dropped(expired, "the database stayed unavailable");
            }
            long left = tally.addAll(retry);
            if (left > 0) {
                drops.dropped(left, "too many distinct refusal counts waiting to be written");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not audit refusal counts: {}", e.getClass().getSimpleName());
            drops.dropped(
                    counts.stream().mapToLong(RefusalCount::count).sum(),
                    e.getClass().getSimpleName());
        }
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

    /** Writes what is counted and finishes queued events on shutdown, for a bounded time. */
    @PreDestroy
    void close() throws InterruptedException {
        flusher.shutdown();
        if (flusher.awaitTermination(5, TimeUnit.SECONDS)) {
            List<RefusalCount> counts = tally.drain();
            if (!counts.isEmpty()) {
                try {
                    recordRejection.recordCounts(counts);
                } catch (RuntimeException e) {
                    drops.dropped(
                            counts.stream().mapToLong(RefusalCount::count).sum(),
                            "shutting down: " + e.getClass().getSimpleName());
                }
            }
        }
        writer.shutdown();
        if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
            drops.dropped(writer.getQueue().size(), "shutting down before the audit writer finished");
            writer.shutdownNow();
        }
        drops.report();
    }
}
