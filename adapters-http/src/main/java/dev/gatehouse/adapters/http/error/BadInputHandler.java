package dev.gatehouse.adapters.http.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 400 for broken invariants: our value objects and use cases throw {@link IllegalArgumentException} with a message
 * that names the field and never echoes a secret, so the message is the detail.
 */
@Singleton
public final class BadInputHandler implements ExceptionHandler<IllegalArgumentException, HttpResponse<?>> {

    private final ErrorResponses errors;

    public BadInputHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, IllegalArgumentException exception) {
        return errors.of(request, HttpStatus.BAD_REQUEST, exception.getMessage());
    }
}
