package dev.gatehouse.adapters.persistence.console;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.domain.port.ConsoleSignInLinks;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Console sign-in links in Postgres: spending one is a single conditional UPDATE, so it works once on any replica. */
@Singleton
public final class JdbcConsoleSignInLinks implements ConsoleSignInLinks {

    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final ConsoleSignInLinkRows rows;

    JdbcConsoleSignInLinks(ConsoleSignInLinkRows rows) {
        this.rows = rows;
    }

    @Override
    public void add(String tokenDigest, String operator, Instant expiresAt) {
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(expiresAt, "expiresAt");
        try {
            // Issuing links is rare (an operator at a terminal): the old ones go then, without a scheduler.
            rows.deleteExpiredBefore(Instant.now().minus(KEEP_AFTER_EXPIRY));
            rows.insert(tokenDigest, operator, Instant.now(), expiresAt);
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "store a console sign-in link");
        }
    }

    @Override
    public Optional<String> spend(String tokenDigest, Instant now) {
        try {
            // The operator never changes, so reading it after winning the UPDATE needs no transaction.
            return rows.markSpent(tokenDigest, now) == 1
                    ? rows.findById(tokenDigest).map(ConsoleSignInLinkRow::operator)
                    : Optional.empty();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "spend a console sign-in link");
        }
    }
}
