package dev.gatehouse.adapters.http.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 400 for input the framework could not bind: a query or path value of the wrong type, whose detail names the
 * parameter, or a body it could not convert, whose detail quotes the decoder's reason. (Admin bodies are read as a
 * JSON tree and checked field by field in the admin package, so they do not end up here.) The offending value is
 * never echoed.
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
public final class UnreadableInputHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

    private final ErrorResponses errors;

    public UnreadableInputHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        Argument<?> argument = exception.getArgument();
        String detail = argument.getAnnotationMetadata().hasAnnotation(Body.class)
                ? "request body does not match: " + reason(exception)
                : argument.getName() + " must be " + typeName(argument.getType());
        return errors.of(request, HttpStatus.BAD_REQUEST, detail);
    }

    private static String reason(ConversionErrorException exception) {
        Exception cause = exception.getConversionError().getCause();
        String message = cause == null || cause.getMessage() == null
                ? "unreadable"
                : cause.getMessage().strip();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }
}
