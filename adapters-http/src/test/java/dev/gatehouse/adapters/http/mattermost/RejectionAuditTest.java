package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RejectionAuditTest {

    /** An audit log whose database is down for the first {@code failures} writes. */
    private static final class FlakyAuditLog implements AuditLog {
        final InMemoryAuditLog stored = new InMemoryAuditLog();
        final AtomicInteger failuresLeft;

        FlakyAuditLog(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void append(AuditEvent event) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StorageUnavailableException("database unavailable", null);
            }
            stored.append(event);
        }

        @Override
        public List<AuditEvent> find(AuditQuery query) {
            return stored.find(query);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void aShortDatabaseOutageLosesNoAuditEvent() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RejectionAudit audit = new RejectionAudit(
                new RecordRejection(log, Clock.systemUTC()), Clock.systemUTC(), meters, Duration.ofSeconds(30));
        audit.record(InstallationId.random(), RejectionReason.TOKEN_SIGNATURE, "/i/x/ping");
        await(() -> log.stored.all().size() == 1);
        assertThat(log.stored.all().get(0).detail()).isEqualTo("token_signature /i/x/ping");
        assertThat(meters.counter("gatehouse.audit.dropped").count()).isZero();
        audit.close();
    }

    @Test
    void anEventThatCannotBeWrittenInTimeIsDroppedAndCounted() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(Integer.MAX_VALUE);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RejectionAudit audit = new RejectionAudit(
                new RecordRejection(log, Clock.systemUTC()), Clock.systemUTC(), meters, Duration.ofMillis(300));
        audit.record(null, RejectionReason.INSTALLATION_UNKNOWN, "/i/nope/send");
        await(() -> meters.counter("gatehouse.audit.dropped").count() == 1.0);
        assertThat(log.stored.all()).isEmpty();
        audit.close();
    }
}
