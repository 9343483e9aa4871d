package dev.gatehouse.domain.port;

import java.time.Instant;
import java.util.Optional;

/**
 * One-time sign-in links to the operator console, shared by every replica. Only a digest of each link's token is
 * kept, so a read of the table opens nothing.
 */
public interface ConsoleSignInLinks {

    /** Stores a new link: who it signs in and until when it may be used. */
    void add(String tokenDigest, String operator, Instant expiresAt);

    /**
     * Spends the link: answers its operator when it exists, is unspent and has not expired at {@code now}, and marks
     * it spent in the same step, so of two replicas spending one link at once only one gets the operator.
     */
    Optional<String> spend(String tokenDigest, Instant now);
}
