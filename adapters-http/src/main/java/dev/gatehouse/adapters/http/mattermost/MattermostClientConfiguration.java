package dev.gatehouse.adapters.http.mattermost;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.http.client.HttpClientConfiguration;
import java.time.Duration;

/**
 * {@code gatehouse.mattermost.*}: the HTTP client Gatehouse calls Mattermost servers with. Mattermost gives a
 * user-initiated call 30 s in all; an operation makes up to two requests, each bounded by connect + read timeout
 * ({@code connect-timeout} 3 s + {@code read-timeout} 7 s by default), so even a Mattermost that stalls is answered
 * with an error well inside that budget. Redirects are not followed: the bot token goes to the registered URL and
 * nowhere else.
 */
@ConfigurationProperties(MattermostClientConfiguration.PREFIX)
public final class MattermostClientConfiguration extends HttpClientConfiguration {

    public static final String PREFIX = "gatehouse.mattermost";

    private final ConnectionPoolConfiguration pool = new ConnectionPoolConfiguration();

    public MattermostClientConfiguration() {
        setConnectTimeout(Duration.ofSeconds(3));
        setReadTimeout(Duration.ofSeconds(7));
        setFollowRedirects(false);
    }

    /** Connect plus read timeout, whatever they are set to. */
    @Override
    public Duration getRequestTimeout() {
        return getConnectTimeout().orElse(Duration.ZERO).plus(getReadTimeout().orElse(Duration.ZERO));
    }

    @Override
    public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
        return pool;
    }
}
