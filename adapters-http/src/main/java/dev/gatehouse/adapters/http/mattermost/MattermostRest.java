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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One request to a Mattermost server's REST API, made the same way by both REST adapters ({@link HttpMattermost},
 * {@link HttpMattermostProvisioning}): blocking (the ports are synchronous and their callers run on the blocking
 * executor), to the session's base URL with the session token as bearer. A failure becomes a
 * {@link MattermostException} in words for the user that carries Mattermost's status and error id (the {@code id} of
 * its JSON error body, {@code model.AppError}), and is counted by operation and kind. Neither the token nor Mattermost's
 * own error message (which may echo request details) reaches a message or a log. Where Mattermost could not be reached,
 * the user's text names no URL, host or port (an {@code api_url} is often an internal address): it gives the request
 * id, and the log line with that id keeps the detail for the operator.
 */
@Singleton
final class MattermostRest {

    /** Mattermost's error ids are dotted i18n keys; anything else in that field is dropped rather than repeated. */
    private static final Pattern ERROR_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private static final Logger LOG = LoggerFactory.getLogger(MattermostRest.class);

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
        HttpResponse<T> response = exchange(operation, doing, request, session, type);
        return response.getBody().orElseThrow(() -> unreadable(operation, doing, response));
    }

    /** As {@link #read}, but a 404 is an answer (nothing there), not a failure. */
    <T> Optional<T> readIfFound(
            String operation,
            String doing,
            MutableHttpRequest<?> request,
            MattermostSession session,
            Argument<T> type) {
        return attempt(operation, doing, request, session, type, true)
                .map(response -> response.getBody().orElseThrow(() -> unreadable(operation, doing, response)));
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

    /** A 2xx whose body could not be read; a body that is not JSON at all (a proxy's page) is named as such. */
    private MattermostException unreadable(String operation, String doing, HttpResponse<?> response) {
        String contentType = response.getContentType().map(MediaType::getName).orElse("no content type");
        if (contentType.equals(MediaType.APPLICATION_JSON)) {
            return invalidAnswer(operation, doing);
        }
        metrics.mattermostClientError(operation, "invalid_response");
        return new MattermostException("Mattermost answered HTTP " + response.code() + " with " + contentType
                + ", not JSON, when " + doing + " (check that the site or API URL is Mattermost's).");
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
                throw unreadable(operation, doing, e.getResponse());
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
            throw unreachable(operation, session, e, "Mattermost did not answer in time when " + doing);
        } catch (HttpClientException e) {
            boolean timeout =
                    e.getMessage() != null && e.getMessage().toLowerCase().contains("timeout");
            metrics.mattermostClientError(operation, timeout ? "timeout" : "unreachable");
            throw unreachable(
                    operation,
                    session,
                    e,
                    (timeout ? "Mattermost did not answer in time when " : "Could not reach Mattermost when ") + doing);
        }
    }

    /**
     * The user's text without the address, with the request id to quote; the address and the transport's own words
     * go to the log under the same id. The cause is not kept: its message names the address.
     */
    private static MattermostException unreachable(
            String operation, MattermostSession session, HttpClientException e, String text) {
        String requestId = MDC.get(dev.gatehouse.adapters.http.RequestIdFilter.MDC_KEY);
        LOG.warn(
                "Mattermost REST {} to {} failed: {}: {}",
                operation,
                session.baseUrl(),
                e.getClass().getSimpleName(),
                e.getMessage());
        return new MattermostException(text + (requestId == null ? "." : " (request " + requestId + ")."));
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
