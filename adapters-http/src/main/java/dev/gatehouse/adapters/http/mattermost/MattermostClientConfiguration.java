package dev.gatehouse.adapters.http.mattermost;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.HttpClientConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The HTTP client Gatehouse calls Mattermost servers with. Mattermost gives a user-initiated call 30 s in all; an
 * operation makes up to two requests, each bounded by connect + read timeout (defaults 3 s + 7 s), so even a
 * Mattermost that stalls is answered with an error well inside that budget. Redirects are not followed: the bot
 * token goes to the registered URL and nowhere else.
 *
 * <p>Keys: {@code gatehouse.mattermost.connect-timeout}, {@code gatehouse.mattermost.read-timeout}.
 */
@Singleton
public final class MattermostClientConfiguration extends HttpClientConfiguration {

    private final ConnectionPoolConfiguration pool = new ConnectionPoolConfiguration();

    public MattermostClientConfiguration(
            @Value("${gatehouse.mattermost.connect-timeout:3s}") Duration connectTimeout,
            @Value("${gatehouse.mattermost.read-timeout:7s}") Duration readTimeout) {
        setConnectTimeout(connectTimeout);
        setReadTimeout(readTimeout);
        setRequestTimeout(connectTimeout.plus(readTimeout));
        setFollowRedirects(false);
    }

    @Override
    public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
        return pool;
    }
}
