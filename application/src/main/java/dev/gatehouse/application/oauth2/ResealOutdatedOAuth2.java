package dev.gatehouse.application.oauth2;

import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.StorageUnavailableException;
import dev.gatehouse.domain.port.TokenRefreshLock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before an OAuth2 call of the Apps ingress runs: what its context brought in an older sealed format or under a
 * previous master key is stored again through the plugin, so it is re-sealed in the current format. The client needs
 * a system admin's session (the plugin stores it for admins only), so it waits for an admin's call; a user's token is
 * re-read and re-stored holding the {@link TokenRefreshLock}, and only if it is still the outdated one, so a renewal
 * by another replica is never overwritten. Best effort: a failure is logged and the call goes on (the next use tries
 * again). The slash-command ingress re-seals in its own storage.
 */
public final class ResealOutdatedOAuth2 {

    private static final Logger LOG = LoggerFactory.getLogger(ResealOutdatedOAuth2.class);

    private final Mattermost mattermost;
    private final TokenRefreshLock lock;

    public ResealOutdatedOAuth2(Mattermost mattermost, TokenRefreshLock lock) {
        this.mattermost = mattermost;
        this.lock = lock;
    }

    /** {@code handler}, after re-sealing what its call brought outdated. */
    public CommandCatalog.Handler before(CommandCatalog.Handler handler) {
        return call -> {
            reseal(call);
            return handler.handle(call);
        };
    }

    void reseal(VerifiedCall call) {
        if (call.ingress() != Ingress.APPS) {
            return;
        }
        Optional<MattermostSession> session = call.actingUserSession();
        Optional<ActingUser> user = call.actingUser();
        if (session.isEmpty() || user.isEmpty()) {
            return;
        }
        Optional<OAuth2ClientCredentials> client =
                call.context().oauth2().client().outdatedValue();
        if (client.isPresent() && user.get().isSystemAdmin()) {
            quietly(
                    call,
                    "client",
                    () -> mattermost.storeOAuth2App(
                            session.get(),
                            SecretOwner.clientSecret(call.installation().id()),
                            client.get()));
        }
        if (call.context().oauth2().user().outdatedValue().isPresent()) {
            SecretOwner owner =
                    SecretOwner.userToken(call.installation().id(), user.get().id());
            quietly(
                    call,
                    "user token",
                    () -> lock.exclusively(call.installation().id(), user.get().id(), () -> {
                        Optional<OAuth2Token> stillOutdated =
                                mattermost.loadOAuth2User(session.get(), owner).outdatedValue();
                        stillOutdated.ifPresent(token -> mattermost.storeOAuth2User(session.get(), owner, token));
                        return null;
                    }));
        }
    }

    private static void quietly(VerifiedCall call, String what, Runnable work) {
        try {
            work.run();
            LOG.info(
                    "re-sealed the OAuth2 {} of installation {} in the current format",
                    what,
                    call.installation().id());
        } catch (MattermostException | StorageUnavailableException e) { // both messages name no secret
            LOG.warn(
                    "could not re-seal the OAuth2 {} of installation {}; tried again on its next use: {}",
                    what,
                    call.installation().id(),
                    e.getMessage());
        }
    }
}
