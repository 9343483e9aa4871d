package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.call.SignedState.Purpose;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.SignedStates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link SignedStates} must do; run by the fake and by the HKDF signer of the sealing adapter. */
public abstract class SignedStatesContract {

    protected static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    protected final InstallationId installation = InstallationId.random();

    protected abstract SignedStates states();

    private Admission<SignedState> verify(String state, InstallationId id, Purpose purpose, Instant at) {
        return states().verify(state, id, purpose, at);
    }

    @Test
    void aStateIsAdmittedForItsInstallationAndPurposeWithItsUser() {
        String state = states().issue(installation, "user1", Purpose.CONNECT, NOW);
        assertThat(verify(state, installation, Purpose.CONNECT, NOW.plusSeconds(599)))
                .isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
                    SignedState signed = (SignedState) admitted.value();
                    assertThat(signed.installationId()).isEqualTo(installation);
                    assertThat(signed.userId()).isEqualTo("user1");
                    assertThat(signed.purpose()).isEqualTo(Purpose.CONNECT);
                    assertThat(signed.expiresAt()).isEqualTo(NOW.plus(SignedState.MAX_LIFETIME));
                });
    }

    @Test
    void everyStateHasItsOwnNonce() {
        SignedState first = admitted(states().issue(installation, "user1", Purpose.CONNECT, NOW));
        SignedState second = admitted(states().issue(installation, "user1", Purpose.CONNECT, NOW));
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
    }

    private SignedState admitted(String state) {
        return ((Admission.Admitted<SignedState>) verify(state, installation, Purpose.CONNECT, NOW)).value();
    }

    @Test
    void aStateOfAnotherInstallationIsRefused() {
        String state = states().issue(installation, "user1", Purpose.CONNECT, NOW);
        assertThat(verify(state, InstallationId.random(), Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
    }

    @Test
    void aStateForAnotherPurposeIsRefused() {
        String state = states().issue(installation, "user1", Purpose.CONFIGURE, NOW);
        assertThat(verify(state, installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_WRONG_PURPOSE));
    }

    @Test
    void aStateExpiresAfterTenMinutes() {
        String state = states().issue(installation, "user1", Purpose.CONNECT, NOW);
        assertThat(verify(state, installation, Purpose.CONNECT, NOW.plus(SignedState.MAX_LIFETIME)))
                .isEqualTo(Admission.refused(RejectionReason.STATE_EXPIRED));
    }

    @Test
    void anAlteredForgedOrMissingStateIsRefused() {
        String state = states().issue(installation, "user1", Purpose.CONNECT, NOW);
        char last = state.charAt(state.length() - 1);
        String altered = state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(verify(altered, installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
        for (String forged : new String[] {"garbage", "a.b", "a.b.c", "x".repeat(5000), "..", state + "x"}) {
            assertThat(verify(forged, installation, Purpose.CONNECT, NOW))
                    .as(forged.length() > 40 ? forged.substring(0, 40) : forged)
                    .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
        }
        assertThat(verify("", installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_MISSING));
        assertThat(verify(null, installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_MISSING));
    }
}
