package dev.gatehouse.adapters.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.RateLimiterContract;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.port.RateLimiter;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimiterTest extends RateLimiterContract {

    private final Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(nanos::get);

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Test
    void theSweepForgetsOnlyFullBuckets() {
        RateLimit limit = new RateLimit(1, 2);
        InstallationId busy = InstallationId.random();
        InstallationId idle = InstallationId.random();
        limiter.tryAcquire(busy, limit);
        limiter.tryAcquire(idle, limit);
        nanos.addAndGet(10 * SECOND); // both refilled
        limiter.tryAcquire(busy, limit);
        limiter.sweepFullBuckets();
        assertThat(limiter.size()).isEqualTo(1);
    }
}
