package dev.gatehouse.domain.port;

import java.time.Instant;

/** The nonces of OAuth2 states already used, across replicas: an OAuth2 callback link works once. */
public interface StateNonces {

    /**
     * Marks {@code nonce} used. False when it was used before (by any replica). {@code expiresAt} is when the state
     * would have expired anyway, after which the record may be forgotten.
     */
    boolean consume(String nonce, Instant expiresAt);
}
