package dev.gatehouse.adapters.http.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * 400 for input the framework could not bind: a body of the wrong shape (wrong types, unknown fields) or a query or
 * path value of the wrong type. The body's JSON decoder does not say which field it choked on, so the detail quotes
 * its reason and lists the fields the endpoint takes, with their types; a parameter's detail names the parameter.
 * The offending value is never echoed.
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
                ? "request body does not match: " + reason(exception) + expectedFields(argument)
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

    private static String expectedFields(Argument<?> body) {
        return BeanIntrospector.SHARED
                .findIntrospection(body.getType())
                .map(UnreadableInputHandler::describe)
                .map(fields -> "; expected a JSON object with " + fields)
                .orElse("");
    }

    private static String describe(BeanIntrospection<?> introspection) {
        return introspection.getBeanProperties().stream()
                .map(UnreadableInputHandler::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(BeanProperty<?, ?> property) {
        return NameUtils.hyphenate(property.getName()).replace('-', '_') + " (" + typeName(property.getType()) + ")";
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
