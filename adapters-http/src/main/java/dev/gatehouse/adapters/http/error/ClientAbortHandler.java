package dev.gatehouse.adapters.http.error;

import dev.gatehouse.adapters.http.RequestIdFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.io.EOFException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that closed its connection before sending the whole body it announced (a closed tab, a proxy's timeout):
 * the server reads an {@link EOFException}. Nothing is wrong on this side, so one INFO line with the request id,
 * no stack trace and no 500 ERROR. The 400 answers nobody; it only ends the exchange.
 */
@Singleton
public final class ClientAbortHandler implements ExceptionHandler<EOFException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAbortHandler.class);

    private final ErrorResponses errors;

    public ClientAbortHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, EOFException exception) {
        String requestId = RequestIdFilter.of(request).orElse("unknown");
        LOG.info(
                "{} {}: the client closed the connection before sending the whole body (request {})",
                request.getMethodName(),
                request.getPath(),
                requestId);
        return errors.of(request, HttpStatus.BAD_REQUEST, "the request body ended before its announced length");
    }
}
