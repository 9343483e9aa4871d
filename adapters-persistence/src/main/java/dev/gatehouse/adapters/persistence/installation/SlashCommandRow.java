package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * One row of {@code installation_slash_command}, keyed by installation and team. The token is not here: only its
 * SHA-256, which is no secret.
 */
@MappedEntity("installation_slash_command")
public record SlashCommandRow(
        UUID installationId,
        String teamId,
        @Nullable String teamName,
        @Nullable String commandId,
        String tokenSha256) {}
