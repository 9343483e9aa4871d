package dev.gatehouse.adapters.http.oauth2;

import dev.gatehouse.application.contract.OAuth2ProviderContract;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.port.OAuth2Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** The port contract for the HTTP client, over real HTTP against our fake provider (HTTP Basic client auth). */
class HttpOAuth2ProviderContractTest extends OAuth2ProviderContract {

    private final FakeOAuth2Provider fake = new FakeOAuth2Provider();
    private final HttpOAuth2Provider provider;

    HttpOAuth2ProviderContractTest() throws IOException {
        OAuth2ProviderConfiguration config = new OAuth2ProviderConfiguration();
        config.setAuthorizeUrl(fake.authorizeUrl());
        config.setTokenUrl(fake.tokenUrl());
        config.setUserinfoUrl(fake.userinfoUrl());
        provider = new HttpOAuth2Provider(
                config, JsonMapper.createDefault(), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @Override
    protected OAuth2Provider provider() {
        return provider;
    }

    @Override
    protected OAuth2ClientCredentials client() {
        return new OAuth2ClientCredentials(FakeOAuth2Provider.CLIENT_ID, FakeOAuth2Provider.CLIENT_SECRET);
    }

    @Override
    protected String authorizeEndpoint() {
        return fake.authorizeUrl();
    }

    @Override
    protected String authorizationCode(String username, String redirectUri) {
        return fake.issueCode(username, redirectUri);
    }

    @Override
    protected void providerIsUnreachable() {
        fake.close();
    }
}
