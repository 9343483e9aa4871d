package dev.gatehouse.adapters.http.mattermost;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts audit records of refused calls that could not be kept, and says so in at most one WARN line per
 * {@link #EVERY}: a flood during an outage drops thousands, and a line each would bury everything else in the log.
 * The first drop is reported at once; later ones are summed until the next line is due.
 */
final class AuditDropWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(AuditDropWarnings.class);
    static final Duration EVERY = Duration.ofSeconds(10);

    private final Counter dropped;
    private final LongSupplier nanoTime;
    private final long everyNanos;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong nextLineAt;
    private volatile String lastWhy = "";

    AuditDropWarnings(Counter dropped, LongSupplier nanoTime, Duration every) {
        this.dropped = dropped;
        this.nanoTime = nanoTime;
        this.everyNanos = every.toNanos();
        this.nextLineAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** @param why a fixed phrase, never anything the caller sent */
    void dropped(long refusals, String why) {
        dropped.increment(refusals);
        lastWhy = why;
        unreported.addAndGet(refusals);
        reportIfDue();
    }

    /** Writes the summary line when one is due and something was dropped since the last. */
    void reportIfDue() {
        long now = nanoTime.getAsLong();
        long due = nextLineAt.get();
        if (now - due < 0 || unreported.get() == 0 || !nextLineAt.compareAndSet(due, now + everyNanos)) {
            return;
        }
        report();
    }

    /** Writes what is unreported now, due or not (on shutdown). */
    void report() {
        long count = unreported.getAndSet(0);
        if (count > 0) {
            LOG.warn(
                    "audit: dropped {} records of refused calls since the last report (last cause: {});"
                            + " counted in gatehouse_audit_dropped_total",
                    count,
                    lastWhy);
        }
    }
}
