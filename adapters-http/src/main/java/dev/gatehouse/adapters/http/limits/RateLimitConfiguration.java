package dev.gatehouse.adapters.http.limits;

import dev.gatehouse.domain.installation.RateLimit;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Optional;

/**
 * {@code gatehouse.rate-limit.*}: the rate limit of installations that have none of their own (the admin API sets
 * one per installation), per replica.
 *
 * @param enabled   {@code gatehouse.rate-limit.enabled}: false turns the default off (installations with their own
 *                  limit keep it)
 * @param perSecond {@code gatehouse.rate-limit.per-second}: calls a second, on average
 * @param burst     {@code gatehouse.rate-limit.burst}: calls at once; absent: twice {@code per-second}
 */
@ConfigurationProperties(RateLimitConfiguration.PREFIX)
public record RateLimitConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "100") int perSecond,
        @Nullable Integer burst) {

    public static final String PREFIX = "gatehouse.rate-limit";

    public RateLimitConfiguration {
        try {
            limit(perSecond, burst);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PREFIX + " (GATEHOUSE_RATE_LIMIT_PER_SECOND, GATEHOUSE_RATE_LIMIT_BURST): "
                    + e.getMessage().replace("per_second", "per-second"));
        }
    }

    /** The service default; empty when turned off. */
    public Optional<RateLimit> defaultLimit() {
        return enabled ? Optional.of(limit(perSecond, burst)) : Optional.empty();
    }

    private static RateLimit limit(int perSecond, Integer burst) {
        return burst == null ? RateLimit.perSecond(perSecond) : new RateLimit(perSecond, burst);
    }
}
