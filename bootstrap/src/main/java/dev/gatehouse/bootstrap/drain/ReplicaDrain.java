package dev.gatehouse.bootstrap.drain;

import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of stopping a replica: it turns not-ready (so load balancers stop routing to it) and closes each
 * keep-alive connection after its next answer, yet keeps serving for the drain delay. Only then does the graceful
 * shutdown stop the listener and wait for the calls in flight. Without it, a balancer that has not yet seen the
 * replica fail its check sends requests to a port that no longer accepts them.
 */
@Singleton
public final class ReplicaDrain {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaDrain.class);

    private final Duration delay;
    private volatile boolean draining;

    ReplicaDrain(DrainConfiguration configuration) {
        this.delay = configuration.drainDelay();
    }

    public boolean draining() {
        return draining;
    }

    /** Turns not-ready at once, then waits out the drain delay (blocking: called by the shutdown hook). */
    public void drain() {
        draining = true;
        LOG.info("event=draining delay_ms={} readiness=DOWN", delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // interrupted: go on stopping at once
        }
    }
}
