package dev.gatehouse.adapters.http.error;

import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 503 while the database is unreachable: the caller may retry, and nothing about the database leaks. */
@Singleton
public final class StorageUnavailableHandler implements ExceptionHandler<StorageUnavailableException, HttpResponse<?>> {

    static final String DETAIL = "database unavailable, retry later";
    private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ErrorResponses errors;

    public StorageUnavailableHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, StorageUnavailableException exception) {
        LOG.warn("{} {}: storage unavailable: {}", request.getMethodName(), request.getPath(), exception.getMessage());
        return errors.of(request, HttpStatus.SERVICE_UNAVAILABLE, DETAIL)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
