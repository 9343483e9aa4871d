package dev.gatehouse.application.call;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalTallyTest {

    @Test
    void eightThousandRefusalsInAMinuteAreOneCount() {
        RefusalTally tally = new RefusalTally(100);
        InstallationId id = InstallationId.random();
        for (int i = 0; i < 8_000; i++) {
            assertThat(tally.add(id, RejectionReason.TOKEN_SIGNATURE, T0.plusMillis(i)))
                    .isTrue();
        }
        assertThat(tally.drain())
                .containsExactly(
                        new RefusalCount(id, RejectionReason.TOKEN_SIGNATURE, T0, 8_000, T0, T0.plusMillis(7_999)));
        assertThat(tally.drain()).isEmpty();
        assertThat(tally.isEmpty()).isTrue();
    }

    @Test
    void isBoundedAndTakesBackWhatCouldNotBeWritten() {
        RefusalTally tally = new RefusalTally(2);
        InstallationId id = InstallationId.random();
        assertThat(tally.add(id, RejectionReason.TOKEN_MISSING, T0)).isTrue();
        assertThat(tally.add(id, RejectionReason.TOKEN_EXPIRED, T0)).isTrue();
        assertThat(tally.add(id, RejectionReason.TOKEN_MALFORMED, T0)).isFalse();
        assertThat(tally.add(id, RejectionReason.TOKEN_MISSING, T0.plusSeconds(1)))
                .isTrue();

        List<RefusalCount> drained = tally.drain();
        assertThat(drained).extracting(RefusalCount::count).containsExactlyInAnyOrder(2L, 1L);
        tally.add(id, RejectionReason.TOKEN_MISSING, T0.plusSeconds(2));
        tally.add(id, RejectionReason.TOKEN_MALFORMED, T0.plusSeconds(2));
        // the missing-token count joins its newer one; the expired-token count no longer fits
        assertThat(tally.addAll(drained)).isEqualTo(1);
        assertThat(tally.drain())
                .filteredOn(c -> c.reason() == RejectionReason.TOKEN_MISSING)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.count()).isEqualTo(3);
                    assertThat(c.lastSeen()).isEqualTo(T0.plusSeconds(2));
                });
    }
}
