package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.oauth2.UserProfile;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.StorageUnavailableException;
import dev.gatehouse.domain.port.TokenRefreshLock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /<app> me}: asks the provider who the user is, with the token from {@code context.oauth2.user}. An expired
 * token (or one the provider calls {@code invalid_token}) is renewed with its refresh token first. Refresh tokens
 * rotate and are single use, so the renewal is single flight per installation and user across replicas
 * ({@link TokenRefreshLock}): holding the lock, the stored token is read again from where it is kept — the call's context
 * may predate another call's renewal — and only a token that is still the stale one is refreshed.
 */
public final class ShowProfile {

    public static final String REFRESH_ACTION = "oauth2.refresh";
    private static final Logger LOG = LoggerFactory.getLogger(ShowProfile.class);

    private final OAuth2Provider provider;
    private final OAuth2Stores stores;
    private final TokenRefreshLock lock;
    private final OAuth2Audit audit;
    private final Clock clock;
    private final OAuth2Answers answers;

    public ShowProfile(
            OAuth2Provider provider,
            OAuth2Stores stores,
            TokenRefreshLock lock,
            AuditLog auditLog,
            Clock clock,
            AppId appId) {
        this.provider = provider;
        this.stores = stores;
        this.lock = lock;
        this.audit = new OAuth2Audit(auditLog, clock);
        this.clock = clock;
        this.answers = new OAuth2Answers(appId);
    }

    /** A usable token, or why there is none. */
    private sealed interface Renewal {
        record Renewed(OAuth2Token token) implements Renewal {}

        record Refused(CallOutcome.Failed answer) implements Renewal {}
    }

    public CallOutcome show(VerifiedCall call) {
        if (!provider.isConfigured()) {
            return answers.noProvider();
        }
        Stored<OAuth2Token> stored = call.context().oauth2().user();
        if (stored instanceof Stored.Unreadable<OAuth2Token> unreadable) {
            return answers.unreadableToken(unreadable.reason());
        }
        if (stored.present().isEmpty()) {
            return answers.notConnected();
        }
        OAuth2Token token = stored.present().get();
        boolean renewed = false;
        if (token.expiredAt(clock.instant())) {
            Renewal renewal = renew(call, token);
            if (renewal instanceof Renewal.Refused refused) {
                return refused.answer();
            }
            token = ((Renewal.Renewed) renewal).token();
            renewed = true;
        }
        try {
            return profile(token);
        } catch (OAuth2ProviderException e) {
            boolean revokedEarly = !e.unavailable()
                    && "invalid_token".equals(e.error().orElse(null))
                    && token.refresh().isPresent();
            if (renewed || !revokedEarly) {
                return refusedToken(e);
            }
        }
        // the provider dropped the access token before its expiry: renew once, as if it had expired
        Renewal renewal = renew(call, token);
        if (renewal instanceof Renewal.Refused refused) {
            return refused.answer();
        }
        try {
            return profile(((Renewal.Renewed) renewal).token());
        } catch (OAuth2ProviderException e) {
            return refusedToken(e);
        }
    }

    private CallOutcome profile(OAuth2Token token) {
        UserProfile profile = provider.userProfile(token.accessToken());
        return new CallOutcome.Ok("You are **" + profile.username() + "** at the OAuth2 provider.");
    }

    private CallOutcome.Failed refusedToken(OAuth2ProviderException e) {
        if (e.unavailable()) {
            return answers.providerDown();
        }
        return new CallOutcome.Failed("The OAuth2 provider refused your token (" + OAuth2Answers.errorCode(e)
                + "): run " + answers.command("connect") + " again.");
    }

    private Renewal renew(VerifiedCall call, OAuth2Token stale) {
        Optional<String> userId = call.actingUser().map(ActingUser::id);
        if (userId.isEmpty()) {
            return refused(new CallOutcome.Failed(
                    "Mattermost did not say who you are: the me command must expand acting_user."));
        }
        Optional<CallOutcome.Failed> unusable =
                answers.unusable(call.context().oauth2().client());
        if (unusable.isPresent()) {
            return refused(unusable.get());
        }
        OAuth2ClientCredentials client =
                call.context().oauth2().client().present().orElseThrow();
        try {
            return lock.exclusively(
                    call.installation().id(), userId.get(), () -> renewHoldingTheLock(call, client, stale));
        } catch (OAuth2ProviderException e) {
            if (e.unavailable()) {
                audit.record(call, REFRESH_ACTION, AuditOutcome.FAILED, "provider unreachable");
                return refused(
                        new CallOutcome.Failed("Your OAuth2 token has expired and the provider could not be reached "
                                + "to renew it. Try again later."));
            }
            String error = OAuth2Answers.errorCode(e);
            audit.record(call, REFRESH_ACTION, AuditOutcome.REFUSED, "provider error " + error);
            return refused(new CallOutcome.Failed("The OAuth2 provider no longer accepts your authorization (" + error
                    + "): run " + answers.command("connect") + " to connect again."));
        } catch (MattermostException e) {
            return refused(
                    new CallOutcome.Failed("Could not read your OAuth2 token from Mattermost: " + e.getMessage()));
        } catch (StorageUnavailableException e) {
            LOG.warn("token refresh lock unavailable: {}", e.getMessage());
            return refused(
                    new CallOutcome.Failed("Gatehouse cannot renew your OAuth2 token right now. Try again later."));
        }
    }

    private Renewal renewHoldingTheLock(VerifiedCall call, OAuth2ClientCredentials client, OAuth2Token stale) {
        OAuth2Store store = stores.of(call);
        Stored<OAuth2Token> now = store.loadUserToken(call);
        if (now instanceof Stored.Unreadable<OAuth2Token> unreadable) {
            return refused(answers.unreadableToken(unreadable.reason()));
        }
        if (now.present().isEmpty()) {
            return refused(answers.notConnected()); // disconnected meanwhile
        }
        OAuth2Token current = now.present().get();
        if (!sameAccessToken(current, stale) && !current.expiredAt(clock.instant())) {
            return new Renewal.Renewed(current); // another call renewed it while this one waited
        }
        if (current.refresh().isEmpty()) {
            return refused(new CallOutcome.Failed("Your OAuth2 token has expired and cannot be renewed: run "
                    + answers.command("connect") + " again."));
        }
        OAuth2Token renewed;
        try {
            renewed = provider.refresh(client, current.refresh().get());
        } catch (OAuth2ProviderException e) {
            if (!e.unavailable()) {
                store.clearUserToken(call); // refused for good: forget it, so the next call says "connect"
            }
            throw e;
        }
        try {
            store.saveUserToken(call, renewed);
        } catch (MattermostException | StorageUnavailableException e) {
            // the old refresh token is spent: the next call will have to reconnect
            audit.record(call, REFRESH_ACTION, AuditOutcome.FAILED, "storing the renewed token: " + e.getMessage());
            return refused(new CallOutcome.Failed("Your OAuth2 token was renewed but could not be stored ("
                    + e.getMessage() + "): run " + answers.command("connect") + " again."));
        }
        return new Renewal.Renewed(renewed);
    }

    private static boolean sameAccessToken(OAuth2Token a, OAuth2Token b) {
        return MessageDigest.isEqual(
                a.accessToken().getBytes(StandardCharsets.UTF_8),
                b.accessToken().getBytes(StandardCharsets.UTF_8));
    }

    private static Renewal refused(CallOutcome.Failed answer) {
        return new Renewal.Refused(answer);
    }
}
