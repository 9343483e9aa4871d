package dev.gatehouse.domain.audit;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RefusalCountTest {

    private final InstallationId id = InstallationId.random();

    @Test
    void addsUpWithinOneInstallationReasonAndMinute() {
        RefusalCount sum = RefusalCount.of(id, RejectionReason.TOKEN_SIGNATURE, T0.plusSeconds(30))
                .plus(RefusalCount.of(id, RejectionReason.TOKEN_SIGNATURE, T0.plusSeconds(5)))
                .plus(RefusalCount.of(id, RejectionReason.TOKEN_SIGNATURE, T0.plusSeconds(59)));
        assertThat(sum)
                .isEqualTo(new RefusalCount(
                        id, RejectionReason.TOKEN_SIGNATURE, T0, 3, T0.plusSeconds(5), T0.plusSeconds(59)));
        assertThat(sum.at()).isEqualTo(T0.plusSeconds(59));
        assertThatThrownBy(() -> sum.plus(RefusalCount.of(id, RejectionReason.TOKEN_SIGNATURE, T0.plusSeconds(60))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sum.plus(RefusalCount.of(id, RejectionReason.TOKEN_EXPIRED, T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesCountsOutsideTheirMinute() {
        assertThatThrownBy(() -> new RefusalCount(id, RejectionReason.TOKEN_MISSING, T0.plusSeconds(1), 1, T0, T0))
                .hasMessageContaining("start of a minute");
        assertThatThrownBy(() -> new RefusalCount(id, RejectionReason.TOKEN_MISSING, T0, 0, T0, T0))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RefusalCount(id, RejectionReason.TOKEN_MISSING, T0, 1, T0, T0.plusSeconds(60)))
                .hasMessageContaining("within the minute");
    }

    /** Unknown installations are kept out of the audit log altogether; everything else is either counted or kept. */
    @Test
    void onlyRefusalsBeforeAValidCredentialAreCounted() {
        assertThat(Arrays.stream(RejectionReason.values()).filter(RejectionReason::withoutValidCredential))
                .contains(
                        RejectionReason.TOKEN_MISSING,
                        RejectionReason.TOKEN_SIGNATURE,
                        RejectionReason.TOKEN_EXPIRED,
                        RejectionReason.COMMAND_TOKEN_UNKNOWN,
                        RejectionReason.STATE_INVALID)
                .doesNotContain(
                        RejectionReason.INSTALLATION_UNKNOWN,
                        RejectionReason.INSTALLATION_DISABLED,
                        RejectionReason.ACTING_USER_MISMATCH,
                        RejectionReason.STATE_USED);
    }
}
