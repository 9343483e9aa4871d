package dev.gatehouse.adapters.persistence.oauth2;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.domain.port.StateNonces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used OAuth2 state nonces in Postgres: {@link #consume} is one INSERT that only the first caller for a nonce gets to
 * make, on any replica. A nonce is only needed until its state expires (10 minutes at most); each replica deletes the
 * expired ones after a consume, at most once per {@link #PURGE_EVERY}, so the table stays as small as the traffic of
 * the last few minutes without a scheduler.
 */
@Singleton
public final class JdbcStateNonces implements StateNonces {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateNonces.class);

    static final Duration PURGE_EVERY = Duration.ofMinutes(5);
    /**
     * How long past its expiry a nonce is still kept: replicas check a state's expiry with their own clocks, the purge
     * uses the database's, and a skew between them must not let a state outlive its nonce.
     */
    static final String KEEP_AFTER_EXPIRY = "1 hour";

    private final UsedStateNonceRows rows;
    private final LongSupplier nanoTime;
    /** {@link System#nanoTime()} from which the next purge is due; the first consume purges. */
    private final AtomicLong nextPurge;

    @Inject
    public JdbcStateNonces(UsedStateNonceRows rows) {
        this(rows, System::nanoTime);
    }

    JdbcStateNonces(UsedStateNonceRows rows, LongSupplier nanoTime) {
        this.rows = rows;
        this.nanoTime = nanoTime;
        this.nextPurge = new AtomicLong(nanoTime.getAsLong());
    }

    @Override
    public boolean consume(String nonce, Instant expiresAt) {
        if (nonce == null || nonce.isBlank()) {
            throw new IllegalArgumentException("nonce is required");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        boolean first;
        try {
            first = rows.insertIfAbsent(nonce, expiresAt) == 1;
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "record a used state nonce");
        }
        purgeIfDue();
        return first;
    }

    /** One thread per replica wins the due purge; a failed purge is tried again at the next due time, not sooner. */
    private void purgeIfDue() {
        long now = nanoTime.getAsLong();
        long due = nextPurge.get();
        if (now - due < 0 || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toNanos())) {
            return;
        }
        try {
            int purged = rows.deleteExpired(KEEP_AFTER_EXPIRY);
            LOG.debug("purged {} expired state nonces", purged);
        } catch (RuntimeException e) {
            // housekeeping: the nonce is recorded, so this consume stands
            LOG.warn(
                    "could not purge expired state nonces ({}); trying again later",
                    e.getClass().getSimpleName());
        }
    }
}
