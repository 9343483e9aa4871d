package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of {@code used_state_nonce}: a nonce of an OAuth2 state that was used, kept until the state expires. */
@MappedEntity("used_state_nonce")
public record UsedStateNonceRow(@Id String nonce, Instant expiresAt) {}
