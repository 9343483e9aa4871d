package dev.gatehouse.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Readiness stays DOWN until the start-up warm-up has run ({@link StartupWarmUp}); liveness does not wait for it. */
@Singleton
@Readiness
@Requires(beans = HealthEndpoint.class)
final class WarmUpReadiness implements HealthIndicator {

    private final StartupWarmUp warmUp;

    WarmUpReadiness(StartupWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean done = warmUp.done();
        return Mono.just(HealthResult.builder("warmUp", done ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", done ? "done" : "running"))
                .build());
    }
}
