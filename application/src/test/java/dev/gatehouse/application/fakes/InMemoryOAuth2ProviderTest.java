package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.OAuth2ProviderContract;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.port.OAuth2Provider;
import java.time.Clock;

class InMemoryOAuth2ProviderTest extends OAuth2ProviderContract {

    private static final OAuth2ClientCredentials CLIENT = new OAuth2ClientCredentials("client-1", "client-secret-1");

    private final InMemoryOAuth2Provider provider = new InMemoryOAuth2Provider(CLIENT, Clock.systemUTC());

    @Override
    protected OAuth2Provider provider() {
        return provider;
    }

    @Override
    protected OAuth2ClientCredentials client() {
        return CLIENT;
    }

    @Override
    protected String authorizeEndpoint() {
        return InMemoryOAuth2Provider.AUTHORIZE_URL;
    }

    @Override
    protected String authorizationCode(String username, String redirectUri) {
        return provider.issueCode(username, redirectUri);
    }

    @Override
    protected void providerIsUnreachable() {
        provider.down(true);
    }
}
