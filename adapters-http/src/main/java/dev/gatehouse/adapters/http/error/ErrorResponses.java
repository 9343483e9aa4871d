package dev.gatehouse.adapters.http.error;

import dev.gatehouse.adapters.http.HtmlPage;
import dev.gatehouse.adapters.http.RequestIdFilter;
import dev.gatehouse.adapters.http.console.ConsolePages;
import dev.gatehouse.adapters.http.console.ConsolePaths;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The one place an error becomes a response body. Mattermost calls ({@code /i/...}) get an error CallResponse,
 * because Mattermost only shows {@code text} of a CallResponse to its user; everything else (the admin API)
 * gets RFC 9457 problem details, and the operator console an HTML page.
 */
@Singleton
public final class ErrorResponses {

    private final ConsolePages console;

    public ErrorResponses(ConsolePages console) {
        this.console = console;
    }

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final String MATTERMOST_CALLS = "/i/";

    public MutableHttpResponse<?> of(HttpRequest<?> request, HttpStatus status, String detail) {
        return fill(request, HttpResponse.status(status), detail);
    }

    /** Sets the body of a response whose status (and perhaps headers) someone else chose. */
    public MutableHttpResponse<?> fill(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        String path = request.getPath();
        if (path.startsWith(MATTERMOST_CALLS)) {
            // each Mattermost-facing route answers in the shape its caller reads (CLASSIC.md §1, PROTOCOL.md §4)
            String route = path.substring(path.indexOf('/', MATTERMOST_CALLS.length()) + 1);
            if (path.indexOf('/', MATTERMOST_CALLS.length()) < 0) {
                route = "";
            }
            if (route.equals("command")) {
                return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(Map.of("response_type", "ephemeral", "text", detail));
            }
            if (route.equals("dialog")) {
                return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Map.of("error", detail));
            }
            if (route.equals("oauth2/start") || route.equals("oauth2/callback")) {
                return HtmlPage.secured(response.contentType(MediaType.TEXT_HTML_TYPE)
                        .body(HtmlPage.render(response.getStatus().getReason(), detail)));
            }
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(ErrorCallResponseJson.of(detail));
        }
        if (ConsolePaths.isConsole(path)) {
            return console.error(request, response, detail);
        }
        HttpStatus status = response.getStatus();
        ProblemJson problem = new ProblemJson(
                "about:blank",
                status.getReason(),
                status.getCode(),
                detail,
                RequestIdFilter.of(request).orElse(null));
        return response.contentType(PROBLEM_JSON).body(problem);
    }
}
