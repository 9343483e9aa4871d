package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Mattermost REST API (PROTOCOL.md §6) over micronaut-http-client. Blocking by design: the port is synchronous
 * and its callers run on the blocking executor (the client refuses to block an event loop). Every request goes to
 * the session's base URL — the installation's registered URL — with the session token as bearer. Failures become a
 * {@link MattermostException} in words for the user, and are counted; no token ever reaches a message or a log.
 */
@Singleton
public final class HttpMattermost implements Mattermost {

    private final HttpClient client;
    private final CallMetrics metrics;

    public HttpMattermost(@Client(configuration = MattermostClientConfiguration.class) HttpClient client,
                          CallMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChannelJson(@Nullable String id) {
    }

    @Serdeable
    record PostJson(@JsonProperty("channel_id") String channelId, String message) {
    }

    @Override
    public void sendDirectMessage(MattermostSession asBot, String botUserId, String userId, String message) {
        HttpResponse<ChannelJson> channel = exchange("create_direct_channel", "opening the direct channel",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/channels/direct"), List.of(botUserId, userId)),
                asBot, ChannelJson.class);
        String channelId = channel.getBody().map(ChannelJson::id).filter(id -> !id.isBlank()).orElse(null);
        if (channelId == null) {
            metrics.mattermostClientError("create_direct_channel", "invalid_response");
            throw new MattermostException("Mattermost did not name the direct channel it opened.");
        }
        exchange("create_post", "posting the message",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/posts"), new PostJson(channelId, message)),
                asBot, String.class);
    }

    private <T> HttpResponse<T> exchange(String operation, String doing, MutableHttpRequest<?> request,
                                         MattermostSession session, Class<T> answer) {
        request.bearerAuth(session.token()).contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE);
        try {
            return client.toBlocking().exchange(request, answer);
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            metrics.mattermostClientError(operation, status < 500 ? "status_4xx" : "status_5xx");
            throw new MattermostException("Mattermost answered HTTP " + status + " when " + doing
                    + (status == 401 ? " (the bot's session was refused)" : "") + ".", e);
        } catch (ReadTimeoutException e) {
            metrics.mattermostClientError(operation, "timeout");
            throw new MattermostException("Mattermost at " + session.baseUrl() + " did not answer in time when " + doing + ".", e);
        } catch (HttpClientException e) {
            boolean timeout = e.getMessage() != null && e.getMessage().toLowerCase().contains("timeout");
            metrics.mattermostClientError(operation, timeout ? "timeout" : "unreachable");
            throw new MattermostException("Could not reach Mattermost at " + session.baseUrl() + " when " + doing + ".", e);
        }
    }
}
