package dev.gatehouse.application.audit;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.domain.audit.AuditEntry;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadAuditLogTest {

    @Test
    void listsEventsAndRefusalCountsTogetherNewestFirst() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        InstallationId id = InstallationId.random();
        AuditEvent registered =
                new AuditEvent(T0.plusSeconds(10), "cli", id, "installation.register", AuditOutcome.SUCCEEDED, "");
        AuditEvent disabled =
                new AuditEvent(T0.plusSeconds(200), "cli", id, "installation.change", AuditOutcome.SUCCEEDED, "");
        RefusalCount flood = new RefusalCount(
                id,
                RejectionReason.TOKEN_SIGNATURE,
                T0.plusSeconds(60),
                8_000,
                T0.plusSeconds(61),
                T0.plusSeconds(119));
        log.append(registered);
        log.append(disabled);
        log.addRefusals(List.of(flood));

        ReadAuditLog read = new ReadAuditLog(log);
        assertThat(read.read(id, null, null)).containsExactly(disabled, flood, registered);
        assertThat(read.read(id, null, 2)).containsExactly(disabled, flood);
        assertThat(read.read(id, T0.plusSeconds(100), null))
                .extracting(AuditEntry::at)
                .containsExactly(T0.plusSeconds(200), T0.plusSeconds(119));
    }
}
