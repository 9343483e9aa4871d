package dev.gatehouse.bootstrap;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Prometheus scrape endpoint at {@code /metrics} (DESIGN.md "Operations"), in the text exposition format. */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
class MetricsController {

    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = "text/plain; version=0.0.4; charset=utf-8")
    String scrape() {
        return registry.scrape();
    }
}
