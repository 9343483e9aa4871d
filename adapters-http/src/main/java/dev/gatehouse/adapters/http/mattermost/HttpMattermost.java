package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
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
 * OAuth2 secrets go to the Apps plugin's storage sealed ({@link SealedOAuth2}), never in the clear.
 */
@Singleton
public final class HttpMattermost implements Mattermost {

    /** The Apps plugin's REST API (PROTOCOL.md §6). */
    static final String PLUGIN_API = "/plugins/com.mattermost.apps/api/v1";
    /** JSON {@code null}: what clears a user's OAuth2 storage. */
    private static final String JSON_NULL = "null";

    private final HttpClient client;
    private final CallMetrics metrics;
    private final SealedOAuth2 sealed;

    public HttpMattermost(
            @Client(configuration = MattermostClientConfiguration.class) HttpClient client,
            CallMetrics metrics,
            SealedOAuth2 sealed) {
        this.client = client;
        this.metrics = metrics;
        this.sealed = sealed;
    }

    /** Body of {@code /oauth2/app}; the secret is already sealed. */
    @Serdeable
    record OAuth2AppJson(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret) {}

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChannelJson(@Nullable String id) {}

    @Serdeable
    record PostJson(@JsonProperty("channel_id") String channelId, String message) {}

    @Override
    public void sendDirectMessage(MattermostSession asBot, String botUserId, String userId, String message) {
        HttpResponse<ChannelJson> channel = exchange(
                "create_direct_channel",
                "opening the direct channel",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/channels/direct"), List.of(botUserId, userId)),
                asBot,
                ChannelJson.class);
        String channelId = channel.getBody()
                .map(ChannelJson::id)
                .filter(id -> !id.isBlank())
                .orElse(null);
        if (channelId == null) {
            metrics.mattermostClientError("create_direct_channel", "invalid_response");
            throw new MattermostException("Mattermost did not name the direct channel it opened.");
        }
        exchange(
                "create_post",
                "posting the message",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/posts"), new PostJson(channelId, message)),
                asBot,
                String.class);
    }

    @Override
    public MattermostUser user(MattermostSession session, String userId) {
        throw new UnsupportedOperationException("TODO(classic): GET /api/v4/users/{id}");
    }

    @Override
    public void openDialog(MattermostSession asBot, Dialog dialog) {
        throw new UnsupportedOperationException("TODO(classic): POST /api/v4/actions/dialogs/open");
    }

    @Override
    public void storeOAuth2App(MattermostSession asAdmin, OAuth2ClientCredentials credentials) {
        OAuth2AppJson body = new OAuth2AppJson(credentials.clientId(), sealed.sealClientSecret(credentials));
        exchange(
                "store_oauth2_app",
                "storing the OAuth2 client",
                HttpRequest.POST(asAdmin.baseUrl().resolve(PLUGIN_API + "/oauth2/app"), body),
                asAdmin,
                String.class);
    }

    @Override
    public void storeOAuth2User(MattermostSession asUser, OAuth2Token token) {
        exchange(
                "store_oauth2_user",
                "storing your OAuth2 token",
                HttpRequest.POST(asUser.baseUrl().resolve(PLUGIN_API + "/oauth2/user"), sealed.sealToken(token)),
                asUser,
                String.class);
    }

    @Override
    public void clearOAuth2User(MattermostSession asUser) {
        exchange(
                "store_oauth2_user",
                "forgetting your OAuth2 token",
                HttpRequest.POST(asUser.baseUrl().resolve(PLUGIN_API + "/oauth2/user"), JSON_NULL),
                asUser,
                String.class);
    }

    @Override
    public Stored<OAuth2Token> loadOAuth2User(MattermostSession asUser) {
        HttpResponse<String> stored = exchange(
                "load_oauth2_user",
                "reading your OAuth2 token",
                HttpRequest.GET(asUser.baseUrl().resolve(PLUGIN_API + "/oauth2/user")),
                asUser,
                String.class);
        return sealed.openStoredJson(stored.getBody().orElse(null));
    }

    private <T> HttpResponse<T> exchange(
            String operation, String doing, MutableHttpRequest<?> request, MattermostSession session, Class<T> answer) {
        request.bearerAuth(session.token())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE);
        try {
            return client.toBlocking().exchange(request, answer);
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            metrics.mattermostClientError(operation, status < 500 ? "status_4xx" : "status_5xx");
            throw new MattermostException(
                    "Mattermost answered HTTP " + status + " when " + doing
                            + (status == 401
                                    ? " (the session was refused)"
                                    : status == 403 ? " (not allowed for this user)" : "")
                            + ".",
                    e);
        } catch (ReadTimeoutException e) {
            metrics.mattermostClientError(operation, "timeout");
            throw new MattermostException(
                    "Mattermost at " + session.baseUrl() + " did not answer in time when " + doing + ".", e);
        } catch (HttpClientException e) {
            boolean timeout =
                    e.getMessage() != null && e.getMessage().toLowerCase().contains("timeout");
            metrics.mattermostClientError(operation, timeout ? "timeout" : "unreachable");
            throw new MattermostException(
                    "Could not reach Mattermost at " + session.baseUrl() + " when " + doing + ".", e);
        }
    }
}
