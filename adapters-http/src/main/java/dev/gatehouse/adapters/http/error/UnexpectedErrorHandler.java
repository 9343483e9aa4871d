package dev.gatehouse.adapters.http.error;

import dev.gatehouse.adapters.http.RequestIdFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 500 for anything no other handler claims. The exception is logged with the request id; the caller gets only the
 * request id, never the exception's message or class (which could describe internals).
 */
@Singleton
public final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final ErrorResponses errors;

    public UnexpectedErrorHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        String requestId = RequestIdFilter.of(request).orElse("unknown");
        LOG.error("{} {} failed (request {})", request.getMethodName(), request.getPath(), requestId, exception);
        return errors.of(
                request,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; the server log has details under request id " + requestId);
    }
}
