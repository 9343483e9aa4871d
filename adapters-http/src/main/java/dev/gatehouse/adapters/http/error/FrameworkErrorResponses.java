package dev.gatehouse.adapters.http.error;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Bodies for errors the framework detects itself (unreadable JSON, missing body, unknown route, wrong method,
 * oversized body): its handlers choose the status, this renders the body through {@link ErrorResponses}.
 * Taking the place of Micronaut's default processor keeps every error on one shape.
 */
@Singleton
public final class FrameworkErrorResponses implements ErrorResponseProcessor<Object> {

    private final ErrorResponses errors;

    public FrameworkErrorResponses(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        return (MutableHttpResponse<Object>) errors.fill(context.getRequest(), response, detail(context, response));
    }

    private static String detail(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        if (status >= 500) {
            return "internal error";
        }
        if (status == 404) {
            return "no such resource: " + context.getRequest().getMethodName() + " "
                    + context.getRequest().getPath();
        }
        if (status == 405) {
            return context.getRequest().getMethodName() + " is not allowed on "
                    + context.getRequest().getPath();
        }
        if (status == 413) {
            return "request body is too large";
        }
        if (!context.hasErrors()) {
            return response.getStatus().getReason();
        }
        return context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }
}
