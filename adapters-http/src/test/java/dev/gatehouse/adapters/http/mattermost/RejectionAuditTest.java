package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RejectionAuditTest {

    private static final Duration FLUSH = Duration.ofMillis(50);

    /** An audit log whose database is down for the first {@code failures} writes, or while {@code down} is set. */
    private static final class FlakyAuditLog implements AuditLog {
        final InMemoryAuditLog stored = new InMemoryAuditLog();
        final AtomicInteger failuresLeft;
        final AtomicInteger countWrites = new AtomicInteger();
        volatile boolean down;

        FlakyAuditLog(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        private void failIfDown() {
            if (down || failuresLeft.getAndDecrement() > 0) {
                throw new StorageUnavailableException("database unavailable", null);
            }
        }

        @Override
        public void append(AuditEvent event) {
            failIfDown();
            stored.append(event);
        }

        @Override
        public List<AuditEvent> find(AuditQuery query) {
            return stored.find(query);
        }

        @Override
        public void addRefusals(Collection<RefusalCount> counts) {
            failIfDown();
            countWrites.incrementAndGet();
            stored.addRefusals(counts);
        }

        @Override
        public List<RefusalCount> findRefusals(AuditQuery query) {
            return stored.findRefusals(query);
        }

        long counted() {
            return stored.refusals().stream().mapToLong(RefusalCount::count).sum();
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CapturedLogs logs = new CapturedLogs();
    private RejectionAudit audit;

    private RejectionAudit audit(FlakyAuditLog log, Duration retryFor) {
        audit = new RejectionAudit(
                new RecordRejection(log, Clock.systemUTC()), Clock.systemUTC(), meters, retryFor, FLUSH);
        return audit;
    }

    @AfterEach
    void close() throws InterruptedException {
        if (audit != null) {
            audit.close();
        }
        logs.close();
    }

    private double dropped() {
        return meters.counter("gatehouse.audit.dropped").count();
    }

    private List<String> dropWarnings() {
        return logs.events().stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .filter(e ->
                        e.getLoggerName().contains("Audit") || e.getLoggerName().contains("Rejection"))
                .map(e -> e.getFormattedMessage())
                .toList();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void aShortDatabaseOutageLosesNoAuditEvent() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(3);
        audit(log, Duration.ofSeconds(30))
                .record(InstallationId.random(), RejectionReason.ACTING_USER_MISMATCH, "/i/x/ping");
        await(() -> log.stored.all().size() == 1);
        assertThat(log.stored.all().get(0).detail()).isEqualTo("acting_user_mismatch /i/x/ping");
        assertThat(dropped()).isZero();
    }

    @Test
    void anEventThatCannotBeWrittenInTimeIsDroppedAndCounted() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(Integer.MAX_VALUE);
        audit(log, Duration.ofMillis(300)).record(InstallationId.random(), RejectionReason.STATE_USED, "/i/x/send");
        await(() -> dropped() == 1.0);
        assertThat(log.stored.all()).isEmpty();
        await(() -> dropWarnings().size() == 1);
        assertThat(dropWarnings().get(0)).contains("dropped 1 ").contains("database stayed unavailable");
    }

    /** Anyone can make up installation ids: those refusals are counted in metrics only. */
    @Test
    void refusalsOfUnknownInstallationsAreNotAudited() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(0);
        RejectionAudit audit = audit(log, Duration.ofSeconds(30));
        for (int i = 0; i < 1_000; i++) {
            audit.record(InstallationId.random(), RejectionReason.INSTALLATION_UNKNOWN, "/i/x/send");
            audit.record(null, RejectionReason.INSTALLATION_UNKNOWN, "/i/nope/send");
        }
        Thread.sleep(FLUSH.multipliedBy(4).toMillis());
        assertThat(log.stored.all()).isEmpty();
        assertThat(log.stored.refusals()).isEmpty();
        assertThat(dropped()).isZero();
    }

    /** The reproduction: 8,000 bogus tokens on one installation made 8,000 rows. */
    @Test
    void eightThousandBogusTokensAreAFewCountsWrittenInAFewStatements() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(0);
        RejectionAudit audit = audit(log, Duration.ofSeconds(30));
        InstallationId id = InstallationId.random();
        for (int i = 0; i < 8_000; i++) {
            audit.record(id, RejectionReason.TOKEN_SIGNATURE, "/i/" + id + "/send");
        }
        await(() -> log.counted() == 8_000);
        assertThat(log.stored.all()).isEmpty();
        // one per minute the flood spanned (two if it crossed a minute boundary)
        assertThat(log.stored.refusals()).hasSizeLessThanOrEqualTo(2).allSatisfy(c -> {
            assertThat(c.installationId()).isEqualTo(id);
            assertThat(c.reason()).isEqualTo(RejectionReason.TOKEN_SIGNATURE);
        });
        assertThat(log.countWrites.get()).isLessThan(50);
    }

    /**
     * The reproduction: during an outage a flood of bogus tokens filled the 10k queue and pushed real refusals
     * out (1,999 dropped, a WARN line each). Now the flood is counted beside the queue, and nothing is lost.
     */
    @Test
    void duringAnOutageAFloodOfBogusTokensPushesNoRealRefusalOut() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(0);
        log.down = true;
        RejectionAudit audit = audit(log, Duration.ofSeconds(60));
        InstallationId id = InstallationId.random();
        for (int i = 0; i < 12_000; i++) {
            audit.record(id, RejectionReason.TOKEN_SIGNATURE, "/i/" + id + "/send");
            if (i % 1_000 == 0) {
                audit.record(id, RejectionReason.ACTING_USER_MISMATCH, "/i/" + id + "/send");
            }
        }
        Thread.sleep(FLUSH.multipliedBy(4).toMillis());
        log.down = false;

        await(() -> log.counted() == 12_000 && log.stored.all().size() == 12);
        assertThat(log.stored.all()).allSatisfy(e -> assertThat(e.detail()).startsWith("acting_user_mismatch"));
        assertThat(dropped()).isZero();
        assertThat(dropWarnings()).isEmpty();
    }

    /** When events must be dropped, the log says so in a line per 10 s, not a line per event. */
    @Test
    void droppedEventsAreReportedInAFewLinesNotOneEach() throws Exception {
        FlakyAuditLog log = new FlakyAuditLog(0);
        log.down = true;
        RejectionAudit audit = audit(log, Duration.ofSeconds(60));
        InstallationId id = InstallationId.random();
        for (int i = 0; i < 12_000; i++) {
            audit.record(id, RejectionReason.ACTING_USER_MISMATCH, "/i/" + id + "/send");
        }
        assertThat(dropped()).isGreaterThanOrEqualTo(1_999);
        assertThat(dropWarnings()).hasSize(1);
        assertThat(dropWarnings().get(0)).contains("audit writer is backed up");
    }

    @Test
    void theFlushIntervalIsUnderAMinute() {
        RecordRejection record = new RecordRejection(new InMemoryAuditLog(), Clock.systemUTC());
        for (Duration bad :
                List.of(Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMinutes(1), Duration.ofSeconds(-1))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new RejectionAudit(record, Clock.systemUTC(), meters, Duration.ofSeconds(1), bad))
                    .hasMessageContaining("gatehouse.audit.refusal-flush-interval");
        }
    }
}
