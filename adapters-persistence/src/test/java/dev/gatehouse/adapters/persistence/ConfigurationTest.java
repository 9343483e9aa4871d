package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.installation.CacheConfiguration;
import dev.gatehouse.adapters.persistence.oauth2.TokenRefreshLockConfiguration;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings of the persistence adapter are checked when they are read, with a message naming the key. */
class ConfigurationTest {

    @Test
    void defaultsAreBoundFromNothing() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(
                        Map.of("gatehouse.cache.negative-ttl", "2s", "gatehouse.master-key", TestDatabase.MASTER_KEY))
                .build()
                .start()) {
            assertThat(context.getBean(CacheConfiguration.class))
                    .isEqualTo(new CacheConfiguration(Duration.ofSeconds(30), Duration.ofSeconds(2)));
            assertThat(context.getBean(TokenRefreshLockConfiguration.class).refreshLockTimeout())
                    .isEqualTo(Duration.ofSeconds(20));
            assertThat(context.getBean(DatabaseConfiguration.class))
                    .isEqualTo(new DatabaseConfiguration(
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(4),
                            Duration.ofMinutes(30)));
        }
    }

    @Test
    void databaseTimeoutsNameTheirKeys() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new DatabaseConfiguration(Duration.ZERO, second.plusSeconds(4), second, second))
                .hasMessageContaining("gatehouse.database.connect-timeout");
        assertThatThrownBy(() -> new DatabaseConfiguration(second, Duration.ofMillis(2500), second, second))
                .hasMessageContaining("gatehouse.database.socket-timeout must be a whole number of seconds");
        assertThatThrownBy(() -> new DatabaseConfiguration(second, second.plusSeconds(4), Duration.ZERO, second))
                .hasMessageContaining("gatehouse.database.statement-timeout");
        assertThatThrownBy(
                        () -> new DatabaseConfiguration(second, second.plusSeconds(4), second.plusSeconds(4), second))
                .hasMessageContaining("gatehouse.database.statement-timeout must be shorter than"
                        + " gatehouse.database.socket-timeout");
    }

    @Test
    void aNegativeTtlNamesItsKey() {
        assertThatThrownBy(() -> new CacheConfiguration(Duration.ofSeconds(-1), Duration.ZERO))
                .hasMessageContaining("gatehouse.cache.ttl");
        assertThatThrownBy(() -> new CacheConfiguration(Duration.ZERO, Duration.ofSeconds(-1)))
                .hasMessageContaining("gatehouse.cache.negative-ttl");
        assertThatThrownBy(() -> new TokenRefreshLockConfiguration(Duration.ZERO))
                .hasMessageContaining("gatehouse.oauth2.refresh-lock-timeout");
    }

    @Test
    void aBadValueInTheEnvironmentStopsTheBeanNamingTheKey() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("gatehouse.cache.ttl", "-5s", "gatehouse.master-key", TestDatabase.MASTER_KEY))
                .build()
                .start()) {
            assertThatThrownBy(() -> context.getBean(CacheConfiguration.class))
                    .hasStackTraceContaining("gatehouse.cache.ttl must be a duration of 0 or more");
        }
    }
}
