package dev.gatehouse.adapters.persistence.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of {@code console_sign_in_link}: the digest of a link's token, never the token. */
@MappedEntity("console_sign_in_link")
public record ConsoleSignInLinkRow(
        @Id String tokenDigest,
        String operator,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant spentAt) {}
