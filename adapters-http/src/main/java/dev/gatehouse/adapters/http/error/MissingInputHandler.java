package dev.gatehouse.adapters.http.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

/** 400 for a required body or parameter that was not sent, in words for the caller rather than Java names. */
@Singleton
@Replaces(UnsatisfiedRouteHandler.class)
public final class MissingInputHandler implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {

    private final ErrorResponses errors;

    public MissingInputHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException exception) {
        String detail = exception.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)
                ? "a JSON request body is required (Content-Type: application/json)"
                : exception.getArgument().getName() + " is required";
        return errors.of(request, HttpStatus.BAD_REQUEST, detail);
    }
}
