package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.port.MattermostException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One request to a Mattermost server's REST API, made the same way by both REST adapters ({@link HttpMattermost},
 * {@link HttpMattermostProvisioning}): blocking (the ports are synchronous and their callers run on the blocking
 * executor), to the session's base URL with the session token as bearer. A failure becomes a
 * {@link MattermostException} in words for the user that carries Mattermost's status and error id (the {@code id} of
 * its JSON error body, {@code model.AppError}), and is counted by operation and kind. Neither the token nor Mattermost's
 * own error message (which may echo request details) reaches a message or a log.
 */
@Singleton
final class MattermostRest {

    /** Mattermost's error ids are dotted i18n keys; anything else in that field is dropped rather than repeated. */
    private static final Pattern ERROR_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private final HttpClient client;
    private final CallMetrics metrics;

    MattermostRest(
            @Client(configuration = MattermostClientConfiguration.class) HttpClient client, CallMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    /** Mattermost's error body: only its id is read. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorJson(@Nullable String id) {}

    /** Sends the request and ignores the body of the answer. */
    void send(String operation, String doing, MutableHttpRequest<?> request, MattermostSession session) {
        exchange(operation, doing, request, session, Argument.STRING);
    }

    /** Sends the request and reads the answer's body, which must be there. */
    <T> T read(
            String operation,
            String doing,
            MutableHttpRequest<?> request,
            MattermostSession session,
            Argument<T> type) {
        return exchange(operation, doing, request, session, type)
                .getBody()
                .orElseThrow(() -> invalidAnswer(operation, doing));
    }

    /** As {@link #read}, but a 404 is an answer (nothing there), not a failure. */
    <T> Optional<T> readIfFound(
            String operation,
            String doing,
            MutableHttpRequest<?> request,
            MattermostSession session,
            Argument<T> type) {
        return attempt(operation, doing, request, session, type, true)
                .map(response -> response.getBody().orElseThrow(() -> invalidAnswer(operation, doing)));
    }

    <T> HttpResponse<T> exchange(
            String operation,
            String doing,
            MutableHttpRequest<?> request,
            MattermostSession session,
            Argument<T> type) {
        return attempt(operation, doing, request, session, type, false).orElseThrow();
    }

    /** Mattermost answered, but not with what the operation needs (counted as {@code invalid_response}). */
    MattermostException invalidAnswer(String operation, String doing) {
        metrics.mattermostClientError(operation, "invalid_response");
        return new MattermostException("Mattermost gave an answer Gatehouse could not read when " + doing + ".");
    }

    /** A path segment from a value (a user id, a username, "me"), percent-encoded so it stays one segment. */
    static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a Mattermost id or name is required");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> Optional<HttpResponse<T>> attempt(
            String operation,
            String doing,
            MutableHttpRequest<?> request,
            MattermostSession session,
            Argument<T> type,
            boolean notFoundIsAnAnswer) {
        request.bearerAuth(session.token())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE);
        try {
            return Optional.of(client.toBlocking().exchange(request, type, Argument.of(ErrorJson.class)));
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status < 400) { // answered 2xx, but the body did not decode
                throw invalidAnswer(operation, doing);
            }
            if (status == 404 && notFoundIsAnAnswer) {
                return Optional.empty();
            }
            metrics.mattermostClientError(operation, status < 500 ? "status_4xx" : "status_5xx");
            String errorId = errorId(e);
            throw new MattermostException(
                    "Mattermost answered HTTP " + status + (errorId == null ? "" : " (" + errorId + ")") + " when "
                            + doing
                            + (status == 401
                                    ? " (the session was refused)"
                                    : status == 403 ? " (not allowed for this user)" : "")
                            + ".",
                    status,
                    errorId,
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

    private static String errorId(HttpClientResponseException e) {
        try {
            return e.getResponse()
                    .getBody(ErrorJson.class)
                    .map(ErrorJson::id)
                    .filter(id -> ERROR_ID.matcher(id).matches())
                    .orElse(null);
        } catch (RuntimeException unreadable) { // not JSON: there is no id to report
            return null;
        }
    }
}
