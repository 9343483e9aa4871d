package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.SignedStates;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed states without cryptography: an issued state is a random handle this fake remembers, so anything it did not
 * issue — forged, altered, or issued for another installation — is refused as the real signer refuses it (see
 * {@code SignedStatesContract}).
 */
public final class FakeSignedStates implements SignedStates {

    private final Map<String, SignedState> issued = new ConcurrentHashMap<>();

    @Override
    public String issue(InstallationId installation, String userId, SignedState.Purpose purpose, Instant now) {
        String handle = "state-" + UUID.randomUUID();
        issued.put(
                handle,
                new SignedState(
                        installation,
                        userId,
                        purpose,
                        now.plus(SignedState.MAX_LIFETIME),
                        UUID.randomUUID().toString()));
        return handle;
    }

    @Override
    public Admission<SignedState> verify(
            String state, InstallationId installation, SignedState.Purpose purpose, Instant now) {
        if (state == null || state.isBlank()) {
            return Admission.refused(RejectionReason.STATE_MISSING);
        }
        SignedState found = issued.get(state);
        if (found == null || !found.installationId().equals(installation)) {
            return Admission.refused(RejectionReason.STATE_INVALID);
        }
        if (!now.isBefore(found.expiresAt())) {
            return Admission.refused(RejectionReason.STATE_EXPIRED);
        }
        if (found.purpose() != purpose) {
            return Admission.refused(RejectionReason.STATE_WRONG_PURPOSE);
        }
        return Admission.admitted(found);
    }
}
