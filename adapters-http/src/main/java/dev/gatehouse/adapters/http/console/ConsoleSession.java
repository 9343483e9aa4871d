package dev.gatehouse.adapters.http.console;

import dev.gatehouse.application.console.ConsoleSignIn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A signed-in operator, as every console page and action sees them. {@code csrfToken} is the synchronizer token of
 * this session: every form carries it and every POST must bring it back.
 */
public record ConsoleSession(String operator, String sessionId, String csrfToken) {

    public ConsoleSession {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** The audit log's actor for what this operator does. */
    public String actor() {
        return ConsoleSignIn.actor(operator);
    }

    /** Constant time: a timing difference must not reveal how much of a guessed token was right. */
    boolean csrfMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConsoleSession[operator=" + operator + ", csrfToken=redacted]";
    }
}
