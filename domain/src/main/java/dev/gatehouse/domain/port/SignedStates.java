package dev.gatehouse.domain.port;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;

/**
 * Signs and checks the {@link SignedState} of dialogs and OAuth2 links with a key per installation derived from the
 * master key, so a state minted for one installation is refused by another and nothing new is stored.
 */
public interface SignedStates {

    /** A new state for {@code userId}, expiring {@link SignedState#MAX_LIFETIME} after {@code now}. */
    String issue(InstallationId installation, String userId, SignedState.Purpose purpose, Instant now);

    /**
     * The state, when its signature (compared in constant time) is this installation's, it has not expired and it was
     * issued for {@code purpose}; otherwise refused with {@code STATE_*} reasons. The user is the caller's to check.
     */
    Admission<SignedState> verify(String state, InstallationId installation, SignedState.Purpose purpose, Instant now);
}
