package dev.gatehouse.adapters.http.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What is particular to the HTTP client: how it builds the authorize URL, client authentication by HTTP Basic or in
 * the body, HTTP errors, timeouts and metrics. The flow itself is {@link HttpOAuth2ProviderContractTest}'s.
 */
class HttpOAuth2ProviderTest {

    private static final String REDIRECT =
            "https://chat.example.com/plugins/com.mattermost.apps/apps/hello-jwt/oauth2/remote/complete";
    private static final OAuth2ClientCredentials CLIENT =
            new OAuth2ClientCredentials(FakeOAuth2Provider.CLIENT_ID, FakeOAuth2Provider.CLIENT_SECRET);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final FakeOAuth2Provider fake;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    HttpOAuth2ProviderTest() throws Exception {
        fake = new FakeOAuth2Provider();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpOAuth2Provider provider(OAuth2ProviderConfiguration.ClientAuthentication auth) {
        OAuth2ProviderConfiguration config = new OAuth2ProviderConfiguration();
        config.setAuthorizeUrl(fake.authorizeUrl());
        config.setTokenUrl(fake.tokenUrl());
        config.setUserinfoUrl(fake.userinfoUrl());
        config.setScopes(List.of("read:user email"));
        config.setClientAuthentication(auth);
        config.setTimeout(Duration.ofSeconds(2));
        return new HttpOAuth2Provider(config, JsonMapper.createDefault(), Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    @Test
    void buildsTheAuthorizeUrlWithStateVerbatimAndEncodedParameters() {
        String url = provider(OAuth2ProviderConfiguration.ClientAuthentication.BASIC)
                .authorizeUrl("my client", REDIRECT, "abcDEF_-12.user1");
        URI uri = URI.create(url);
        assertThat(url)
                .startsWith(fake.authorizeUrl()
                        + "?response_type=code&client_id=my%20client&redirect_uri=https%3A%2F%2Fchat.example.com");
        assertThat(uri.getQuery())
                .contains("state=abcDEF_-12.user1")
                .contains("scope=read:user email")
                .contains("redirect_uri=" + REDIRECT);
    }

    @ParameterizedTest
    @EnumSource(OAuth2ProviderConfiguration.ClientAuthentication.class)
    void exchangesACodeRefreshesAndReadsTheProfile(OAuth2ProviderConfiguration.ClientAuthentication auth) {
        HttpOAuth2Provider provider = provider(auth);
        OAuth2Token token = provider.exchangeCode(CLIENT, fake.issueCode("octocat", REDIRECT), REDIRECT);
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(token.refresh()).isPresent();
        assertThat(provider.userProfile(token.accessToken()).username()).isEqualTo("octocat");

        OAuth2Token refreshed = provider.refresh(CLIENT, token.refreshToken());
        assertThat(refreshed.accessToken()).isNotEqualTo(token.accessToken());
        assertThat(provider.userProfile(refreshed.accessToken()).username()).isEqualTo("octocat");
        assertThat(fake.tokenRequests()).allSatisfy(form -> {
            if (auth == OAuth2ProviderConfiguration.ClientAuthentication.BASIC) {
                assertThat(form).doesNotContainKey("client_secret");
            } else {
                assertThat(form).containsEntry("client_secret", FakeOAuth2Provider.CLIENT_SECRET);
            }
        });
    }

    @Test
    void wrongCredentialsSentInTheBodyAreInvalidClient() {
        HttpOAuth2Provider provider = provider(OAuth2ProviderConfiguration.ClientAuthentication.POST);
        assertThatThrownBy(() -> provider.exchangeCode(
                        new OAuth2ClientCredentials("gatehouse-client", "wrong"),
                        fake.issueCode("octocat", REDIRECT),
                        REDIRECT))
                .isInstanceOfSatisfying(OAuth2ProviderException.class, e -> {
                    assertThat(e.error()).contains("invalid_client");
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
    }

    @Test
    void aProviderThatIsDownIsUnavailableAndCounted() {
        HttpOAuth2Provider provider = provider(OAuth2ProviderConfiguration.ClientAuthentication.BASIC);
        fake.down(true);
        assertThatThrownBy(() -> provider.exchangeCode(CLIENT, "any", REDIRECT))
                .isInstanceOfSatisfying(
                        OAuth2ProviderException.class,
                        e -> assertThat(e.unavailable()).isTrue());
        assertThat(meters.find("gatehouse.oauth2.provider.errors").counter()).isNotNull();
    }

    @Test
    void aSlowProviderTimesOutWithinTheConfiguredBound() {
        HttpOAuth2Provider provider = provider(OAuth2ProviderConfiguration.ClientAuthentication.BASIC);
        fake.tokenDelay(5_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.exchangeCode(CLIENT, fake.issueCode("octocat", REDIRECT), REDIRECT))
                .isInstanceOfSatisfying(
                        OAuth2ProviderException.class,
                        e -> assertThat(e.unavailable()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anUnconfiguredProviderSaysWhichVariablesToSet() {
        HttpOAuth2Provider provider = new HttpOAuth2Provider(
                new OAuth2ProviderConfiguration(), JsonMapper.createDefault(), Clock.systemUTC(), meters);
        assertThat(provider.isConfigured()).isFalse();
        assertThatThrownBy(() -> provider.authorizeUrl("c", REDIRECT, "s"))
                .hasMessageContaining("GATEHOUSE_OAUTH2_TOKEN_URL");
    }
}
