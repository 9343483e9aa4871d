package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedSettingsCheckTest {

    private static Environment environment(Map<String, Object> properties) {
        return ApplicationContext.builder()
                .properties(properties)
                .deduceEnvironment(false)
                .build()
                .getEnvironment()
                .start();
    }

    @Test
    void aValueThatDoesNotConvertStopsTheStartNamingTheKeyAndTheVariable() {
        assertThatThrownBy(() -> new TypedSettingsCheck(environment(Map.of("gatehouse.cache.ttl", "banana"))))
                .hasMessage("gatehouse.cache.ttl (GATEHOUSE_CACHE_TTL) must be a duration such as 30s, 500ms or 2m");
        assertThatThrownBy(
                        () -> new TypedSettingsCheck(environment(Map.of("gatehouse.mattermost.read-timeout", "soon"))))
                .hasMessageContaining("GATEHOUSE_MATTERMOST_READ_TIMEOUT");
        assertThatThrownBy(() -> new TypedSettingsCheck(environment(Map.of("gatehouse.audit.retention", "a year"))))
                .hasMessage("gatehouse.audit.retention (GATEHOUSE_AUDIT_RETENTION) must be a duration such as 30s,"
                        + " 500ms or 2m");
        assertThatThrownBy(() ->
                        new TypedSettingsCheck(environment(Map.of("gatehouse.audit.refusal-flush-interval", "often"))))
                .hasMessageContaining("GATEHOUSE_AUDIT_REFUSAL_FLUSH_INTERVAL");
        assertThatThrownBy(() -> new TypedSettingsCheck(environment(Map.of("gatehouse.secrets.allow-weak", "maybe"))))
                .hasMessageContaining("true or false");
        // a typo must not silently leave the migration window closed (or be read as open)
        assertThatThrownBy(() -> new TypedSettingsCheck(environment(Map.of("gatehouse.secrets.accept-unbound", "yes"))))
                .hasMessageContaining("GATEHOUSE_SECRETS_ACCEPT_UNBOUND")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() ->
                        new TypedSettingsCheck(environment(Map.of("gatehouse.database.socket-timeout", "forever"))))
                .hasMessageContaining("GATEHOUSE_DATABASE_SOCKET_TIMEOUT");
        assertThatThrownBy(() ->
                        new TypedSettingsCheck(environment(Map.of("gatehouse.blocking-executor.threads", "many"))))
                .hasMessage("gatehouse.blocking-executor.threads (GATEHOUSE_BLOCKING_EXECUTOR_THREADS) must be a whole"
                        + " number");
    }

    @Test
    void valuesThatConvertAndAbsentOnesPass() {
        assertThatCode(() -> new TypedSettingsCheck(environment(Map.of(
                        "gatehouse.cache.ttl", "10s",
                        "gatehouse.oauth2.timeout", "1500ms",
                        "gatehouse.secrets.allow-weak", "true"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> new TypedSettingsCheck(environment(Map.of()))).doesNotThrowAnyException();
    }
}
