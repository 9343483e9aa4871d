package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.port.ConsoleSignInLinks;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Console sign-in links in memory, spent under one lock. */
public final class InMemoryConsoleSignInLinks implements ConsoleSignInLinks {

    private record Link(String operator, Instant expiresAt, boolean spent) {}

    private final Map<String, Link> links = new HashMap<>();

    @Override
    public synchronized void add(String tokenDigest, String operator, Instant expiresAt) {
        if (links.putIfAbsent(tokenDigest, new Link(operator, expiresAt, false)) != null) {
            throw new IllegalStateException("duplicate link");
        }
    }

    @Override
    public synchronized Optional<String> spend(String tokenDigest, Instant now) {
        Link link = links.get(tokenDigest);
        if (link == null || link.spent() || !link.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        links.put(tokenDigest, new Link(link.operator(), link.expiresAt(), true));
        return Optional.of(link.operator());
    }
}
