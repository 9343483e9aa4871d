package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.StorageUnavailableException;
import dev.gatehouse.domain.port.TokenRefreshLock;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code /<app> disconnect}: forgets the user's provider token (Mattermost stores JSON {@code null}). Under the
 * refresh lock, so a renewal running at the same time cannot store a token again after it was cleared.
 */
public final class Disconnect {

    public static final String ACTION = "oauth2.disconnect";

    private final OAuth2Stores stores;
    private final TokenRefreshLock lock;
    private final OAuth2Audit audit;
    private final OAuth2Answers answers;

    public Disconnect(OAuth2Stores stores, TokenRefreshLock lock, AuditLog auditLog, Clock clock, AppId appId) {
        this.stores = stores;
        this.lock = lock;
        this.audit = new OAuth2Audit(auditLog, clock);
        this.answers = new OAuth2Answers(appId);
    }

    public CallOutcome disconnect(VerifiedCall call) {
        Optional<String> userId = call.actingUser().map(ActingUser::id);
        if (userId.isEmpty()) {
            return new CallOutcome.Failed(
                    "Mattermost did not say who you are: the disconnect command must expand acting_user.");
        }
        try {
            lock.exclusively(call.installation().id(), userId.get(), () -> {
                stores.of(call).clearUserToken(call);
                return null;
            });
        } catch (MattermostException e) {
            audit.record(call, ACTION, AuditOutcome.FAILED, e.getMessage());
            return new CallOutcome.Failed("Could not forget your OAuth2 token in Mattermost: " + e.getMessage());
        } catch (StorageUnavailableException e) {
            return new CallOutcome.Failed("Gatehouse cannot disconnect you right now. Try again later.");
        }
        audit.record(call, ACTION, AuditOutcome.SUCCEEDED, "");
        return new CallOutcome.Ok("Disconnected: your OAuth2 token is forgotten. Run " + answers.command("connect")
                + " to connect again.");
    }
}
