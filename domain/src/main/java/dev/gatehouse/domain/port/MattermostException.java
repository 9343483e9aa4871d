package dev.gatehouse.domain.port;

import java.util.Optional;

/**
 * A call to a Mattermost server's REST API failed: it answered with an error status, could not be reached, or did
 * not answer in time. The message says which, in words fit for the Mattermost user, and never carries a token.
 * {@code status} and {@code errorId} are Mattermost's answer when there was one ({@code 403},
 * {@code api.bot.create_disabled}), so callers can tell a refused token from a disabled feature.
 */
public final class MattermostException extends RuntimeException {

    private final int status;
    private final String errorId;

    public MattermostException(String message, Throwable cause) {
        this(message, 0, null, cause);
    }

    public MattermostException(String message) {
        this(message, 0, null, null);
    }

    public MattermostException(String message, int status, String errorId, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorId = errorId == null || errorId.isBlank() ? null : errorId;
    }

    /** The HTTP status Mattermost answered with; empty when it did not answer. */
    public Optional<Integer> status() {
        return status == 0 ? Optional.empty() : Optional.of(status);
    }

    /** Mattermost's error id ({@code id} of its error body), e.g. {@code api.bot.create_disabled}. */
    public Optional<String> errorId() {
        return Optional.ofNullable(errorId);
    }
}
