package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gatehouse.cache.*}: how long a replica trusts what it holds in memory without being told of a change.
 *
 * @param ttl         {@code gatehouse.cache.ttl}: a found installation (changes arrive sooner through LISTEN/NOTIFY)
 * @param negativeTtl {@code gatehouse.cache.negative-ttl}: an id that was not found; at most {@code ttl}
 */
@ConfigurationProperties(CacheConfiguration.PREFIX)
public record CacheConfiguration(
        @Bindable(defaultValue = "30s") Duration ttl,
        @Bindable(defaultValue = "5s") Duration negativeTtl) {

    public static final String PREFIX = "gatehouse.cache";

    public CacheConfiguration {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".ttl must be a duration of 0 or more, such as 30s");
        }
        if (negativeTtl == null || negativeTtl.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".negative-ttl must be a duration of 0 or more, such as 5s");
        }
    }
}
