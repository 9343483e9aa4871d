package dev.gatehouse.application.slash;

import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.application.call.CommandCatalog.Hook;
import dev.gatehouse.application.call.CommandCatalog.Route;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.SignedStates;
import dev.gatehouse.domain.port.StateNonces;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The two OAuth2 routes of the slash-command ingress, followed by the user's browser (CLASSIC.md §2): {@code start}
 * sends it to the provider, {@code callback} takes it back and completes the connection. Both are authenticated only
 * by the signed {@code connect} state, which names the user; the callback consumes the state's nonce, so a link works
 * once across replicas. The work is the Apps OAuth2 hooks' own use cases, on a call expanded from Gatehouse's storage
 * with Gatehouse's callback as the redirect URI.
 */
public final class FollowOAuth2Link {

    private final Installations installations;
    private final CommandCatalog catalog;
    private final SlashCalls calls;
    private final SignedStates states;
    private final StateNonces nonces;
    private final Clock clock;

    public FollowOAuth2Link(
            Installations installations,
            CommandCatalog catalog,
            SlashCalls calls,
            SignedStates states,
            StateNonces nonces,
            Clock clock) {
        this.installations = installations;
        this.catalog = catalog;
        this.calls = calls;
        this.states = states;
        this.nonces = nonces;
        this.clock = clock;
    }

    public Admission<LinkAnswer> start(String installationId, String state) {
        return verified(installationId, state).map(signed -> {
            Map<String, String> values = new HashMap<>();
            values.put("state", state);
            return answer(signed.installation(), signed.state(), Hook.GET_OAUTH2_CONNECT_URL, values);
        });
    }

    /** {@code code} on success, {@code error} (RFC 6749 §4.1.2.1) when the user or provider declined. */
    public Admission<LinkAnswer> callback(String installationId, String state, String code, String error) {
        Admission<Verified> verified = verified(installationId, state);
        if (verified instanceof Admission.Admitted<Verified> admitted) {
            SignedState signed = admitted.value().state();
            if (!nonces.consume(signed.nonce(), signed.expiresAt())) {
                return Admission.refused(RejectionReason.STATE_USED);
            }
        }
        return verified.map(signed -> {
            Map<String, String> values = new HashMap<>();
            if (code != null) {
                values.put("code", code);
            }
            if (error != null) {
                values.put("error", error);
            }
            return answer(signed.installation(), signed.state(), Hook.ON_OAUTH2_COMPLETE, values);
        });
    }

    private record Verified(Installation installation, SignedState state) {}

    private Admission<Verified> verified(String installationId, String state) {
        Optional<Installation> installation =
                InstallationId.tryParse(installationId).flatMap(installations::findById);
        if (installation.isEmpty()) {
            return Admission.refused(RejectionReason.INSTALLATION_UNKNOWN);
        }
        return states.verify(state, installation.get().id(), SignedState.Purpose.CONNECT, clock.instant())
                .map(signed -> new Verified(installation.get(), signed));
    }

    private LinkAnswer answer(Installation installation, SignedState state, Hook hook, Map<String, String> values) {
        if (!installation.isActive()) {
            return new LinkAnswer.Page(false, RunSlashCommand.DISABLED);
        }
        Route route = catalog.hook(hook);
        CallOutcome outcome;
        try {
            outcome = route.handler()
                    .handle(calls.call(
                            installation,
                            new ActingUser(state.userId(), "", ""),
                            route.call().expand(),
                            values));
        } catch (StorageUnavailableException e) {
            return new LinkAnswer.Page(false, "Gatehouse cannot reach its database right now. Try again in a minute.");
        }
        if (outcome instanceof CallOutcome.OkData data) {
            return new LinkAnswer.Redirect(data.data());
        }
        return new LinkAnswer.Page(outcome instanceof CallOutcome.Ok, RunSlashCommand.text(outcome));
    }
}
