package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.OAuth2Store;

/**
 * The Apps ingress keeps OAuth2 in the Apps plugin's storage (PROTOCOL.md §6.1), written with the session of the
 * call's acting user ({@code acting_user_access_token}); the client a call brings in its context is the one stored.
 * The sealing on the way in and out is the {@link Mattermost} adapter's, for the call's installation and acting user;
 * what a call brings outdated is stored again by {@link ResealOutdatedOAuth2}.
 */
final class PluginOAuth2Store implements OAuth2Store {

    private final Mattermost mattermost;

    PluginOAuth2Store(Mattermost mattermost) {
        this.mattermost = mattermost;
    }

    @Override
    public Stored<OAuth2ClientCredentials> loadClient(VerifiedCall call) {
        return call.context().oauth2().client();
    }

    @Override
    public void saveClient(VerifiedCall call, OAuth2ClientCredentials client) {
        mattermost.storeOAuth2App(
                session(call), SecretOwner.clientSecret(call.installation().id()), client);
    }

    @Override
    public Stored<OAuth2Token> loadUserToken(VerifiedCall call) {
        return mattermost.loadOAuth2User(session(call), userToken(call));
    }

    @Override
    public void saveUserToken(VerifiedCall call, OAuth2Token token) {
        mattermost.storeOAuth2User(session(call), userToken(call), token);
    }

    @Override
    public void clearUserToken(VerifiedCall call) {
        mattermost.clearOAuth2User(session(call));
    }

    /** What the acting user's token is sealed for: their own, on this installation. */
    private static SecretOwner userToken(VerifiedCall call) {
        String userId = call.actingUser()
                .map(ActingUser::id)
                .orElseThrow(() -> new MattermostException(
                        "Mattermost did not say who you are: the call must expand acting_user."));
        return SecretOwner.userToken(call.installation().id(), userId);
    }

    private static MattermostSession session(VerifiedCall call) {
        return call.actingUserSession()
                .orElseThrow(() -> new MattermostException("Mattermost sent no acting_user_access_token: the call must"
                        + " expand it, and the app needs the act_as_user permission."));
    }
}
