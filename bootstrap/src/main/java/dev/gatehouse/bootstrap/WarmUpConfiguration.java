package dev.gatehouse.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gatehouse.warm-up.*}: the call path run before readiness turns UP ({@link StartupWarmUp}).
 *
 * @param enabled {@code gatehouse.warm-up.enabled}: off, readiness turns UP as soon as the database answers
 * @param rounds  {@code gatehouse.warm-up.rounds}: how many times each step runs (in-process calls, and each kind of
 *                refused request over loopback); more makes the first calls faster and the start slower
 * @param timeout {@code gatehouse.warm-up.timeout}: past this the replica goes ready anyway, with a warning
 * @param preloadInstallations {@code gatehouse.warm-up.preload-installations}: how many installations to load into
 *                the cache before going ready (0: none), so their first calls cost no query
 */
@ConfigurationProperties(WarmUpConfiguration.PREFIX)
public record WarmUpConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "5") int rounds,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "1000") int preloadInstallations) {

    public static final String PREFIX = "gatehouse.warm-up";

    public WarmUpConfiguration {
        if (rounds < 1 || rounds > 10_000) {
            throw new IllegalArgumentException(PREFIX + ".rounds must be between 1 and 10000");
        }
        if (preloadInstallations < 0) {
            throw new IllegalArgumentException(PREFIX + ".preload-installations must be 0 or more");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".timeout must be a positive duration, such as 10s");
        }
    }
}
