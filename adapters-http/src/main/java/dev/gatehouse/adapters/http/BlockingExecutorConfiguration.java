package dev.gatehouse.adapters.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code gatehouse.blocking-executor.*}: the one pool that requests doing blocking work (the database, Mattermost,
 * the provider) run on, see {@link BlockingExecutor}.
 *
 * @param threads {@code gatehouse.blocking-executor.threads}: at most this many threads, however many requests wait
 * @param queue   {@code gatehouse.blocking-executor.queue}: requests waiting for a thread; one more is refused with
 *                503 and {@code Retry-After: 1}
 */
@ConfigurationProperties(BlockingExecutorConfiguration.PREFIX)
public record BlockingExecutorConfiguration(
        @Bindable(defaultValue = "64") int threads,
        @Bindable(defaultValue = "1000") int queue) {

    public static final String PREFIX = "gatehouse.blocking-executor";

    public BlockingExecutorConfiguration {
        if (threads < 1) {
            throw new IllegalArgumentException(PREFIX + ".threads must be 1 or more, such as 64");
        }
        if (queue < 0) {
            throw new IllegalArgumentException(PREFIX + ".queue must be 0 or more, such as 1000");
        }
    }
}
