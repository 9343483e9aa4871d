package dev.gatehouse.domain.port;

import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;

/**
 * Where an installation's OAuth2 client and its users' provider tokens are kept, for the user of a call. On the Apps
 * ingress that is the Apps plugin's storage inside Mattermost (with the call's sessions); on the slash-command ingress,
 * Gatehouse's own database. Either way the client secret and the tokens are sealed with the master key.
 *
 * <p>Failures are a {@link MattermostException} (Mattermost refused or could not be reached) or a
 * {@link StorageUnavailableException} (Gatehouse's database); both messages are safe to show.
 */
public interface OAuth2Store {

    Stored<OAuth2ClientCredentials> loadClient(VerifiedCall call);

    void saveClient(VerifiedCall call, OAuth2ClientCredentials client);

    /** The acting user's token as stored now (a call's context may be older). */
    Stored<OAuth2Token> loadUserToken(VerifiedCall call);

    void saveUserToken(VerifiedCall call, OAuth2Token token);

    void clearUserToken(VerifiedCall call);
}
