package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** One row of {@code installation_bot}: the installation's bot, its token sealed (bound to the installation). */
@MappedEntity("installation_bot")
public record InstallationBotRow(
        @Id UUID installationId,
        String userId,
        String token,
        @Nullable String tokenId) {

    @Override
    public String toString() {
        return "InstallationBotRow[installationId=" + installationId + ", userId=" + userId + "]";
    }
}
