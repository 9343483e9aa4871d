package dev.gatehouse.bootstrap.drain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gatehouse.shutdown.*}: how a stopping replica leaves its load balancer.
 *
 * @param drainDelay {@code gatehouse.shutdown.drain-delay}: after SIGTERM, how long the replica keeps serving while
 *                   its readiness answers 503, before it stops taking connections. Must cover the load balancer's
 *                   check interval × (its fall count + 1), so no balancer still routes to a closed port.
 */
@ConfigurationProperties(DrainConfiguration.PREFIX)
public record DrainConfiguration(
        @Bindable(defaultValue = "5s") Duration drainDelay) {

    public static final String PREFIX = "gatehouse.shutdown";

    public DrainConfiguration {
        if (drainDelay == null || drainDelay.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".drain-delay must be zero or more, e.g. 5s");
        }
    }
}
