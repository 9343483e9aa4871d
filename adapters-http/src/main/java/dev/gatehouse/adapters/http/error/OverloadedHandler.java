package dev.gatehouse.adapters.http.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 503 with {@code Retry-After: 1} when the bounded blocking executor refuses work (every thread busy, the queue
 * full): failing at once keeps the replica's threads and memory bounded while the database or a peer hangs, and the
 * caller may retry soon. In the caller's shape, like every other error.
 */
@Singleton
public final class OverloadedHandler implements ExceptionHandler<RejectedExecutionException, HttpResponse<?>> {

    static final String DETAIL = "too busy, retry in a moment";
    private static final Logger LOG = LoggerFactory.getLogger(OverloadedHandler.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final ErrorResponses errors;

    public OverloadedHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RejectedExecutionException exception) {
        // counted in gatehouse.blocking.rejected; one line each at DEBUG, a flood must not flood the log as well
        LOG.debug("{} {}: refused, the blocking executor is full", request.getMethodName(), request.getPath());
        return errors.of(request, HttpStatus.SERVICE_UNAVAILABLE, DETAIL)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
