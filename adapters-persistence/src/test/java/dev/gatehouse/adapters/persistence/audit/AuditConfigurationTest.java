package dev.gatehouse.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gatehouse.audit.retention}: 400 days unless set, in days as operators write it, never under a day. */
class AuditConfigurationTest {

    private static ApplicationContext context(Map<String, Object> properties) {
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("gatehouse.master-key", TestDatabase.MASTER_KEY);
        return ApplicationContext.builder().properties(all).build().start();
    }

    @Test
    void defaultsTo400DaysAndReadsDays() {
        try (ApplicationContext context = context(Map.of())) {
            assertThat(context.getBean(AuditConfiguration.class).retention()).isEqualTo(Duration.ofDays(400));
        }
        try (ApplicationContext context = context(Map.of("gatehouse.audit.retention", "30d"))) {
            assertThat(context.getBean(AuditConfiguration.class).retention()).isEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void lessThanADayStopsTheBeanNamingTheKey() {
        try (ApplicationContext context = context(Map.of("gatehouse.audit.retention", "12h"))) {
            assertThatThrownBy(() -> context.getBean(AuditConfiguration.class))
                    .hasStackTraceContaining("gatehouse.audit.retention must be a duration of at least 1d");
        }
    }
}
