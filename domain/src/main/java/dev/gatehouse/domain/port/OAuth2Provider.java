package dev.gatehouse.domain.port;

import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.UserProfile;

/** The third-party OAuth2 provider the operator configured (RFC 6749 authorization code flow). */
public interface OAuth2Provider {

    /** False when the Gatehouse operator has configured no provider: the OAuth2 commands then say so and do nothing. */
    boolean isConfigured();

    /** Where to send the user's browser; {@code state} is passed verbatim. */
    String authorizeUrl(String clientId, String redirectUri, String state);

    /** @throws OAuth2ProviderException refused (e.g. invalid_grant) or unreachable */
    OAuth2Token exchangeCode(OAuth2ClientCredentials client, String code, String redirectUri);

    /** @throws OAuth2ProviderException refused (e.g. invalid_grant) or unreachable */
    OAuth2Token refresh(OAuth2ClientCredentials client, String refreshToken);

    /** @throws OAuth2ProviderException refused (e.g. the token is no longer valid) or unreachable */
    UserProfile userProfile(String accessToken);
}
