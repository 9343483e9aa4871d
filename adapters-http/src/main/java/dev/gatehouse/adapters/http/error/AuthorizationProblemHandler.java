package dev.gatehouse.adapters.http.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Replaces micronaut-security's rejection handling (empty bodies, optional redirects) with problem details:
 * 401 when there is no valid token (absent, bad signature, expired, no {@code exp}), 403 when the token is valid
 * but lacks the role. The detail never says which check failed, so it cannot be used to probe tokens.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

    static final String UNAUTHORIZED = "a valid bearer token is required: send 'Authorization: Bearer <admin JWT>' "
            + "with a token that is signed with the admin key and not expired (mint one with 'gatehouse admin-token')";
    static final String FORBIDDEN = "the token is valid but lacks the ADMIN role";

    private final ErrorResponses errors;

    public AuthorizationProblemHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return errors.of(request, HttpStatus.FORBIDDEN, FORBIDDEN);
        }
        return errors.of(request, HttpStatus.UNAUTHORIZED, UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
