package dev.gatehouse.application.contract;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every implementation of {@link AuditLog} must do; run by the fake and the JDBC adapter. */
public abstract class AuditLogContract {

    protected abstract AuditLog auditLog();

    @Test
    void returnsEventsNewestFirstFilteredByInstallation() {
        InstallationId mine = InstallationId.random();
        InstallationId other = InstallationId.random();
        auditLog()
                .append(new AuditEvent(
                        T0.plusSeconds(1), "admin:alice", mine, "installation.register", AuditOutcome.SUCCEEDED, "a"));
        auditLog()
                .append(new AuditEvent(
                        T0.plusSeconds(2), "admin:alice", other, "installation.register", AuditOutcome.SUCCEEDED, "b"));
        auditLog()
                .append(new AuditEvent(
                        T0.plusSeconds(3), "mattermost", mine, "call.rejected", AuditOutcome.REFUSED, "c"));

        List<AuditEvent> events = auditLog().find(new AuditQuery(mine, null, 10));
        assertThat(events).extracting(AuditEvent::detail).containsExactly("c", "a");
        assertThat(events.get(0).actor()).isEqualTo("mattermost");
        assertThat(events.get(0).action()).isEqualTo("call.rejected");
        assertThat(events.get(0).outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(events.get(0).at()).isEqualTo(T0.plusSeconds(3));
        assertThat(events.get(0).installationId()).isEqualTo(mine);
    }

    @Test
    void pagesBackBeforeAnInstantAndFiltersByOutcome() {
        InstallationId id = InstallationId.random();
        for (int i = 0; i < 6; i++) {
            auditLog()
                    .append(new AuditEvent(
                            T0.plusSeconds(200 + i),
                            "console:alice",
                            id,
                            "secret.rotate",
                            i % 2 == 0 ? AuditOutcome.SUCCEEDED : AuditOutcome.REFUSED,
                            "n" + i));
        }
        assertThat(auditLog().find(new AuditQuery(id, null, T0.plusSeconds(204), null, 2)))
                .extracting(AuditEvent::detail)
                .containsExactly("n3", "n2");
        assertThat(auditLog().find(new AuditQuery(id, T0.plusSeconds(201), null, AuditOutcome.REFUSED, 10)))
                .extracting(AuditEvent::detail)
                .containsExactly("n5", "n3", "n1");
        assertThat(auditLog().find(new AuditQuery(id, null, T0.plusSeconds(203), AuditOutcome.SUCCEEDED, 10)))
                .extracting(AuditEvent::detail)
                .containsExactly("n2", "n0");
        assertThat(auditLog().findRefusals(new AuditQuery(id, null, null, AuditOutcome.SUCCEEDED, 10)))
                .isEmpty();
    }

    @Test
    void filtersBySinceAndLimits() {
        InstallationId id = InstallationId.random();
        for (int i = 0; i < 5; i++) {
            auditLog()
                    .append(new AuditEvent(
                            T0.plusSeconds(100 + i), "cli", id, "secret.rotate", AuditOutcome.SUCCEEDED, "n" + i));
        }
        assertThat(auditLog().find(new AuditQuery(id, T0.plusSeconds(102), 10)))
                .extracting(AuditEvent::detail)
                .containsExactly("n4", "n3", "n2");
        assertThat(auditLog().find(new AuditQuery(id, null, 2)))
                .extracting(AuditEvent::detail)
                .containsExactly("n4", "n3");
    }

    @Test
    void keepsEventsWithoutAnInstallation() {
        auditLog()
                .append(new AuditEvent(
                        T0.plusSeconds(7),
                        "admin:bob",
                        null,
                        "installation.register",
                        AuditOutcome.REFUSED,
                        "dup-" + T0));
        assertThat(auditLog().find(new AuditQuery(null, null, 1000))).anySatisfy(e -> {
            assertThat(e.detail()).isEqualTo("dup-" + T0);
            assertThat(e.installationId()).isNull();
        });
    }

    @Test
    void addsRefusalCountsOfOneInstallationReasonAndMinuteIntoOne() {
        InstallationId id = InstallationId.random();
        java.time.Instant minute = RefusalCount.minuteOf(T0.plusSeconds(600));
        RefusalCount first = new RefusalCount(
                id, RejectionReason.TOKEN_SIGNATURE, minute, 3, minute.plusSeconds(10), minute.plusSeconds(20));
        RefusalCount second = new RefusalCount(
                id, RejectionReason.TOKEN_SIGNATURE, minute, 4, minute.plusSeconds(5), minute.plusSeconds(15));
        RefusalCount otherReason = RefusalCount.of(id, RejectionReason.TOKEN_EXPIRED, minute.plusSeconds(30));
        auditLog().addRefusals(List.of(first, otherReason));
        auditLog().addRefusals(List.of(second));

        assertThat(auditLog().findRefusals(new AuditQuery(id, null, 10)))
                .containsExactly(
                        otherReason,
                        new RefusalCount(
                                id,
                                RejectionReason.TOKEN_SIGNATURE,
                                minute,
                                7,
                                minute.plusSeconds(5),
                                minute.plusSeconds(20)));
    }

    @Test
    void findsRefusalCountsNewestFirstFilteredByInstallationAndLastSeen() {
        InstallationId mine = InstallationId.random();
        InstallationId other = InstallationId.random();
        java.time.Instant base = RefusalCount.minuteOf(T0.plusSeconds(3600));
        auditLog()
                .addRefusals(List.of(
                        RefusalCount.of(mine, RejectionReason.TOKEN_MISSING, base.plusSeconds(1)),
                        RefusalCount.of(mine, RejectionReason.TOKEN_MISSING, base.plusSeconds(61)),
                        RefusalCount.of(mine, RejectionReason.TOKEN_MISSING, base.plusSeconds(121)),
                        RefusalCount.of(other, RejectionReason.TOKEN_MISSING, base.plusSeconds(62))));

        assertThat(auditLog().findRefusals(new AuditQuery(mine, base.plusSeconds(61), 10)))
                .extracting(RefusalCount::lastSeen)
                .containsExactly(base.plusSeconds(121), base.plusSeconds(61));
        assertThat(auditLog().findRefusals(new AuditQuery(mine, null, 1)))
                .extracting(RefusalCount::lastSeen)
                .containsExactly(base.plusSeconds(121));
        assertThat(auditLog().findRefusals(new AuditQuery(null, base.plusSeconds(62), 1000)))
                .extracting(RefusalCount::installationId)
                .contains(mine, other);
    }
}
