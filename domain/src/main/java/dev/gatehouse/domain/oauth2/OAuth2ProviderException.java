package dev.gatehouse.domain.oauth2;

import java.util.Optional;

/**
 * The provider refused a request ({@code error} is its RFC 6749 error code, e.g. {@code invalid_grant}) or could not be
 * reached ({@code error} empty). Messages carry no token or secret.
 */
public final class OAuth2ProviderException extends RuntimeException {

    private final String error;

    private OAuth2ProviderException(String message, String error, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public static OAuth2ProviderException refused(String error, String description) {
        String text = "the provider refused the request: " + error
                + (description == null || description.isBlank() ? "" : " (" + description + ")");
        return new OAuth2ProviderException(text, error, null);
    }

    public static OAuth2ProviderException unavailable(String what, Throwable cause) {
        return new OAuth2ProviderException("the provider could not be reached: " + what, null, cause);
    }

    /** The provider's error code; empty when the provider was unreachable or answered garbage. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public boolean unavailable() {
        return error == null;
    }
}
