package dev.gatehouse.adapters.http.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 403 for a console POST without its session's CSRF token: nothing was done, and the page says so. */
@Singleton
final class CsrfRefusalHandler implements ExceptionHandler<ConsoleForm.CsrfTokenMismatch, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(CsrfRefusalHandler.class);

    private final ConsolePages pages;

    CsrfRefusalHandler(ConsolePages pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConsoleForm.CsrfTokenMismatch exception) {
        LOG.warn("console: {} {} refused: missing or foreign CSRF token", request.getMethodName(), request.getPath());
        ConsoleSession session = ((HttpRequest<?>) request)
                .getAttribute(ConsoleFilter.SESSION, ConsoleSession.class)
                .orElse(null);
        return ConsoleFilter.secured(pages.message(
                HttpStatus.FORBIDDEN,
                session,
                "Request refused",
                "This form did not carry this session's security token, so nothing was done. Open the page again"
                        + " from the console and resubmit."));
    }
}
