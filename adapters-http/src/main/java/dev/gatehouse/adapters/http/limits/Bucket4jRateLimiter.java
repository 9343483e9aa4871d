package dev.gatehouse.adapters.http.limits;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.port.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One Bucket4j bucket per installation in this replica's memory (lock-free: a map lookup and a CAS per call). A
 * bucket built for an older limit is replaced when the installation's limit changes. A full bucket is the same as no
 * bucket, so full ones are swept once a minute: memory follows the installations calling right now, not all of them.
 */
@Singleton
public final class Bucket4jRateLimiter implements RateLimiter {

    private record Limited(RateLimit limit, Bucket bucket) {}

    private final ConcurrentHashMap<InstallationId, Limited> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    @Inject
    public Bucket4jRateLimiter() {
        this(System::nanoTime);
    }

    /** On a given clock (nanoseconds), for tests. */
    public Bucket4jRateLimiter(LongSupplier nanoTime) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    @Override
    public boolean tryAcquire(InstallationId installation, RateLimit limit) {
        Limited current = buckets.get(installation);
        if (current == null || !current.limit().equals(limit)) {
            current = buckets.compute(
                    installation,
                    (id, old) -> old != null && old.limit().equals(limit) ? old : new Limited(limit, bucket(limit)));
        }
        return current.bucket().tryConsume(1);
    }

    private Bucket bucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void sweepFullBuckets() {
        buckets.entrySet()
                .removeIf(e -> e.getValue().bucket().getAvailableTokens()
                        >= e.getValue().limit().burst());
    }

    /** Buckets held now (for tests and the sweep's test). */
    int size() {
        return buckets.size();
    }
}
