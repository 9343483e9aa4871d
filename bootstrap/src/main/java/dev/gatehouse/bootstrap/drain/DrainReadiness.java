package dev.gatehouse.bootstrap.drain;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Readiness DOWN (503) while the replica drains, so load balancers take it out before it stops. */
@Singleton
@Readiness
final class DrainReadiness implements HealthIndicator {

    private static final HealthResult SERVING =
            HealthResult.builder("drain", HealthStatus.UP).build();
    private static final HealthResult DRAINING = HealthResult.builder("drain", HealthStatus.DOWN)
            .details(Map.of("reason", "the replica is stopping"))
            .build();

    private final ReplicaDrain drain;

    DrainReadiness(ReplicaDrain drain) {
        this.drain = drain;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(drain.draining() ? DRAINING : SERVING);
    }
}
