package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuditDropWarningsTest {

    @Test
    void reportsTheFirstDropAtOnceThenAtMostOneSummaryPerInterval() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicLong nanos = new AtomicLong();
        AuditDropWarnings drops =
                new AuditDropWarnings(meters.counter("gatehouse.audit.dropped"), nanos::get, AuditDropWarnings.EVERY);
        try (CapturedLogs logs = new CapturedLogs()) {
            drops.dropped(1, "the audit writer is backed up");
            for (int i = 0; i < 1_999; i++) {
                nanos.addAndGet(Duration.ofMillis(4).toNanos()); // 8 s in all
                drops.dropped(1, "the audit writer is backed up");
            }
            drops.reportIfDue(); // not due yet
            nanos.addAndGet(Duration.ofSeconds(3).toNanos());
            drops.reportIfDue();
            drops.reportIfDue(); // nothing new

            List<String> lines = logs.events().stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .map(e -> e.getFormattedMessage())
                    .toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("audit: dropped 1 records");
            assertThat(lines.get(1)).startsWith("audit: dropped 1999 records").contains("backed up");
        }
        assertThat(meters.counter("gatehouse.audit.dropped").count()).isEqualTo(2_000);
    }
}
