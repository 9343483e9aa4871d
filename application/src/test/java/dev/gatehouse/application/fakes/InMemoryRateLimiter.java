package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.port.RateLimiter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** A token bucket per installation on a clock the test moves (nanoseconds); the same contract as the adapter. */
public final class InMemoryRateLimiter implements RateLimiter {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private record Bucket(RateLimit limit, double tokens, long at) {}

    private final Map<InstallationId, Bucket> buckets = new HashMap<>();
    private final LongSupplier nanoTime;

    public InMemoryRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized boolean tryAcquire(InstallationId installation, RateLimit limit) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(installation);
        double tokens = bucket == null || !bucket.limit().equals(limit)
                ? limit.burst()
                : Math.min(limit.burst(), bucket.tokens() + (now - bucket.at()) / NANOS_PER_SECOND * limit.perSecond());
        boolean admitted = tokens >= 1;
        buckets.put(installation, new Bucket(limit, admitted ? tokens - 1 : tokens, now));
        return admitted;
    }
}
