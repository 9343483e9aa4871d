package dev.gatehouse.adapters.persistence.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code gatehouse.audit.*}: how long the audit log keeps what it holds.
 *
 * @param retention {@code gatehouse.audit.retention}: audit events and refusal counts older than this are purged
 *                  (hourly, by every replica); at least a day, which the database enforces as well
 */
@ConfigurationProperties(AuditConfiguration.PREFIX)
public record AuditConfiguration(
        @Bindable(defaultValue = "400d") Duration retention) {

    public static final String PREFIX = "gatehouse.audit";

    public AuditConfiguration {
        if (retention == null || retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException(PREFIX + ".retention must be a duration of at least 1d, such as 400d");
        }
    }
}
