package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gatehouse.oauth2.refresh-lock-timeout}: how long a call waits for another replica's token refresh before it
 * gives up (then the user is told to try again).
 */
@ConfigurationProperties(TokenRefreshLockConfiguration.PREFIX)
public record TokenRefreshLockConfiguration(
        @Bindable(defaultValue = "20s") Duration refreshLockTimeout) {

    public static final String PREFIX = "gatehouse.oauth2";

    public TokenRefreshLockConfiguration {
        if (refreshLockTimeout == null || refreshLockTimeout.isNegative() || refreshLockTimeout.isZero()) {
            throw new IllegalArgumentException(
                    PREFIX + ".refresh-lock-timeout must be a positive duration, such as 20s");
        }
    }
}
