package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.port.StateNonces;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One JVM's record of used state nonces; passes the same {@code StateNoncesContract} as the Postgres adapter. */
public final class InMemoryStateNonces implements StateNonces {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public boolean consume(String nonce, Instant expiresAt) {
        if (nonce == null || nonce.isBlank()) {
            throw new IllegalArgumentException("nonce is required");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        return used.add(nonce);
    }
}
