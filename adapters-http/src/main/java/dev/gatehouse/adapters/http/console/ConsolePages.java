package dev.gatehouse.adapters.http.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.jte.HtmlJteViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Console responses: a JTE template (src/main/jte/console) rendered with its one model, the page record. Rendered here
 * rather than by the views filter, so error responses made by exception handlers are pages too.
 */
@Singleton
public final class ConsolePages {

    private final HtmlJteViewsRenderer<Map<String, Object>> renderer;

    public ConsolePages(HtmlJteViewsRenderer<Map<String, Object>> renderer) {
        this.renderer = renderer;
    }

    /** A page the templates under {@code console/} render; each takes one parameter, {@code page}. */
    MutableHttpResponse<String> page(HttpStatus status, String template, Object page) {
        return HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_HTML_TYPE)
                .body(render(template, page));
    }

    private String render(String template, Object page) {
        StringWriter html = new StringWriter();
        try {
            renderer.render("console/" + template, Map.of("page", page), null).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return html.toString();
    }

    MutableHttpResponse<?> message(HttpStatus status, @Nullable ConsoleSession session, String title, String text) {
        return page(status, "message", new MessagePage(session, title, text, status.getCode()));
    }

    /**
     * The body of an error response on a console path (a database outage, a malformed request, an unknown page): a
     * page that says what happened, never a stack trace.
     */
    public MutableHttpResponse<?> error(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        HttpStatus status = response.getStatus();
        String title = status == HttpStatus.SERVICE_UNAVAILABLE ? "Database unavailable" : status.getReason();
        String text = status == HttpStatus.SERVICE_UNAVAILABLE
                ? "Gatehouse cannot reach its database right now, so this page cannot be shown. Nothing was changed."
                        + " Try again in a few seconds: service resumes by itself when the database is back."
                : detail;
        return ConsoleFilter.secured(response.contentType(MediaType.TEXT_HTML_TYPE)
                .body(render(
                        "message",
                        new MessagePage(
                                request.getAttribute(ConsoleFilter.SESSION, ConsoleSession.class)
                                        .orElse(null),
                                title,
                                text,
                                status.getCode()))));
    }

    /** A page with one message: signed out, refused, not found, database unavailable. */
    public record MessagePage(@Nullable ConsoleSession session, String title, String text, int status) {}
}
