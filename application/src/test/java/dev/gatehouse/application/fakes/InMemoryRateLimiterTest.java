package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.RateLimiterContract;
import dev.gatehouse.domain.port.RateLimiter;

class InMemoryRateLimiterTest extends RateLimiterContract {

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(nanos::get);

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }
}
