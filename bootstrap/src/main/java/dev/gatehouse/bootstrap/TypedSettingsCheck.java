package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.BlockingExecutorConfiguration;
import dev.gatehouse.adapters.http.limits.RateLimitConfiguration;
import dev.gatehouse.adapters.http.mattermost.MattermostClientConfiguration;
import dev.gatehouse.adapters.http.oauth2.OAuth2ProviderConfiguration;
import dev.gatehouse.adapters.persistence.DatabaseConfiguration;
import dev.gatehouse.adapters.persistence.audit.AuditConfiguration;
import dev.gatehouse.adapters.persistence.installation.CacheConfiguration;
import dev.gatehouse.adapters.persistence.oauth2.TokenRefreshLockConfiguration;
import dev.gatehouse.adapters.sealing.SealingConfiguration;
import dev.gatehouse.bootstrap.drain.DrainConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Micronaut binds a setting it cannot convert ({@code GATEHOUSE_CACHE_TTL=banana}) as if it were not set, so the
 * default would silently win. Every typed setting is converted here once at start-up, and one that does not convert
 * stops Gatehouse with a message naming the key and the variable. (Values that convert are checked by their
 * configuration record, which names the key too.)
 */
@Context
final class TypedSettingsCheck {

    static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry(CacheConfiguration.PREFIX + ".ttl", Duration.class),
            Map.entry(CacheConfiguration.PREFIX + ".negative-ttl", Duration.class),
            Map.entry(TokenRefreshLockConfiguration.PREFIX + ".refresh-lock-timeout", Duration.class),
            Map.entry(OAuth2ProviderConfiguration.PREFIX + ".timeout", Duration.class),
            Map.entry(MattermostClientConfiguration.PREFIX + ".connect-timeout", Duration.class),
            Map.entry(MattermostClientConfiguration.PREFIX + ".read-timeout", Duration.class),
            Map.entry(SecretsConfiguration.PREFIX + ".allow-weak", Boolean.class),
            Map.entry(SealingConfiguration.ACCEPT_UNBOUND, Boolean.class),
            Map.entry(StartupSettings.EMBEDDED_PORT, Integer.class),
            Map.entry(MetricsConfiguration.PREFIX + ".protect", Boolean.class),
            Map.entry(RateLimitConfiguration.PREFIX + ".enabled", Boolean.class),
            Map.entry(RateLimitConfiguration.PREFIX + ".per-second", Integer.class),
            Map.entry(RateLimitConfiguration.PREFIX + ".burst", Integer.class),
            Map.entry(AuditConfiguration.PREFIX + ".retention", Duration.class),
            Map.entry(AuditConfiguration.PREFIX + ".refusal-flush-interval", Duration.class),
            Map.entry(DatabaseConfiguration.PREFIX + ".connect-timeout", Duration.class),
            Map.entry(DatabaseConfiguration.PREFIX + ".socket-timeout", Duration.class),
            Map.entry(DatabaseConfiguration.PREFIX + ".statement-timeout", Duration.class),
            Map.entry(DatabaseConfiguration.PREFIX + ".migration-timeout", Duration.class),
            Map.entry(BlockingExecutorConfiguration.PREFIX + ".threads", Integer.class),
            Map.entry(BlockingExecutorConfiguration.PREFIX + ".queue", Integer.class),
            Map.entry(WarmUpConfiguration.PREFIX + ".enabled", Boolean.class),
            Map.entry(WarmUpConfiguration.PREFIX + ".rounds", Integer.class),
            Map.entry(WarmUpConfiguration.PREFIX + ".timeout", Duration.class),
            Map.entry(WarmUpConfiguration.PREFIX + ".preload-installations", Integer.class),
            Map.entry(DrainConfiguration.PREFIX + ".drain-delay", Duration.class));

    TypedSettingsCheck(Environment environment) {
        TYPED.forEach((key, type) -> environment.getProperty(key, String.class).ifPresent(raw -> {
            if (!converts(environment, key, type, raw)) {
                throw new ConfigurationException(key + " (" + variable(key) + ") must be " + expected(type));
            }
        }));
    }

    private static boolean converts(Environment environment, String key, Class<?> type, String raw) {
        if (type == Boolean.class) {
            // Micronaut reads anything but "true" as false: only the two words are taken
            return raw.strip().equalsIgnoreCase("true") || raw.strip().equalsIgnoreCase("false");
        }
        return environment.getProperty(key, type).isPresent();
    }

    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String expected(Class<?> type) {
        if (type == Duration.class) {
            return "a duration such as 30s, 500ms or 2m";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "a whole number";
    }
}
