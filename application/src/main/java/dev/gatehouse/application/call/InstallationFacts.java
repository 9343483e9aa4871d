package dev.gatehouse.application.call;

import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.installation.Changes;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.Installation;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Records a fact Mattermost told us about an installation (installed, uninstalled) with its audit event. The
 * installation is read again rather than taken from the call (the call's copy may come from a cache and be stale),
 * and a lost race with an operator's change is retried once on fresh state.
 */
final class InstallationFacts {

    private final Changes changes;

    InstallationFacts(Changes changes) {
        this.changes = changes;
    }

    CallOutcome record(
            VerifiedCall call,
            String action,
            BiFunction<Installation, Instant, Installation> change,
            String detail,
            String done) {
        ChangeResult result = changes.apply(
                call.actor(),
                call.installation().id(),
                action,
                change,
                ChangeResult.Changed::new,
                detail,
                Changes.OnConflict.RETRY_ONCE);
        if (result instanceof ChangeResult.Changed) {
            return new CallOutcome.Ok(done);
        }
        if (result instanceof ChangeResult.NotFound) {
            return new CallOutcome.Failed("This installation no longer exists in Gatehouse.");
        }
        return new CallOutcome.Failed(
                "Gatehouse could not record this: the installation was being changed. Try again.");
    }
}
