package dev.gatehouse.domain.port;

/**
 * A call to a Mattermost server's REST API failed: it answered with an error status, could not be reached, or did
 * not answer in time. The message says which, in words fit for the Mattermost user, and never carries a token.
 */
public final class MattermostException extends RuntimeException {

    public MattermostException(String message, Throwable cause) {
        super(message, cause);
    }

    public MattermostException(String message) {
        super(message);
    }
}
