package dev.gatehouse.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.audit.AuditEntry;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventJsonTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private final InstallationId id = InstallationId.random();

    private final List<AuditEntry> oneOfEach = List.of(
            new AuditEvent(AT, "cli", id, "secret.rotate", AuditOutcome.SUCCEEDED, "grace_seconds=0"),
            new RefusalCount(id, RejectionReason.TOKEN_EXPIRED, AT, 42, AT.plusSeconds(3), AT.plusSeconds(59)));

    @Test
    void everyKindOfEntryIsMapped() {
        assertThat(oneOfEach)
                .extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(AuditEntry.class.getPermittedSubclasses()));
        oneOfEach.forEach(AuditEventJson::of);
    }

    @Test
    void aCountIsOneLineWithItsCountAndFirstAndLastSeen() {
        assertThat(AuditEventJson.of(oneOfEach.get(1)))
                .isEqualTo(new AuditEventJson(
                        "2026-03-01T12:00:59Z",
                        "mattermost",
                        id.toString(),
                        "call.rejected",
                        "refused",
                        "token_expired",
                        42,
                        "2026-03-01T12:00:03Z"));
        assertThat(AuditEventJson.of(oneOfEach.get(0)))
                .extracting(AuditEventJson::count, AuditEventJson::firstSeen)
                .containsExactly(1L, "2026-03-01T12:00:00Z");
    }
}
