package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.port.RateLimiter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do: a burst, then the rate, per installation, on the clock it is given. Run by
 * the in-memory fake and by the Bucket4j adapter.
 */
public abstract class RateLimiterContract {

    protected static final long SECOND = 1_000_000_000L;

    /** The test's clock, in nanoseconds; implementations read it. */
    protected final AtomicLong nanos = new AtomicLong(42 * SECOND);

    private final InstallationId a = InstallationId.random();
    private final InstallationId b = InstallationId.random();

    protected abstract RateLimiter limiter();

    private long admitted(InstallationId id, RateLimit limit, int attempts) {
        return IntStream.range(0, attempts)
                .filter(i -> limiter().tryAcquire(id, limit))
                .count();
    }

    @Test
    void admitsTheBurstThenRefuses() {
        assertThat(admitted(a, new RateLimit(10, 25), 40)).isEqualTo(25);
        assertThat(limiter().tryAcquire(a, new RateLimit(10, 25))).isFalse();
    }

    @Test
    void refillsAtTheRate() {
        RateLimit limit = new RateLimit(10, 10);
        assertThat(admitted(a, limit, 10)).isEqualTo(10);
        nanos.addAndGet(SECOND / 2);
        assertThat(admitted(a, limit, 10)).isEqualTo(5);
        nanos.addAndGet(60 * SECOND);
        assertThat(admitted(a, limit, 100))
                .as("refilled to the burst, not beyond")
                .isEqualTo(10);
    }

    @Test
    void oneInstallationsFloodLeavesAnothersBucketFull() {
        RateLimit limit = new RateLimit(5, 5);
        assertThat(admitted(a, limit, 1000)).isEqualTo(5);
        assertThat(admitted(b, limit, 5)).isEqualTo(5);
    }

    @Test
    void aChangedLimitTakesEffectAtOnce() {
        assertThat(admitted(a, new RateLimit(1, 1), 5)).isEqualTo(1);
        assertThat(admitted(a, new RateLimit(100, 100), 200)).isEqualTo(100);
    }
}
