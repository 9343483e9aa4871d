package dev.gatehouse.adapters.http.error;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/**
 * A test-only route under /i/ that fails on demand, to check that the global handlers answer Mattermost calls with
 * an error CallResponse. (The real call controllers live in the mattermost package.)
 */
@Controller("/i/probe")
@Requires(env = GatehouseOnFakes.ENVIRONMENT)
class MattermostPathProbe {

    @Get("/fail/{with}") // GET: POSTs under /i/ go through the call filter first
    String fail(@PathVariable String with) {
        switch (with) {
            case "bad-input" -> throw new IllegalArgumentException("context.acting_user.id is required");
            case "storage" -> throw new StorageUnavailableException("pool exhausted", null);
            default -> throw new IllegalStateException("jdbc:postgresql://db.internal:5432/gatehouse?password=hunter2");
        }
    }
}
