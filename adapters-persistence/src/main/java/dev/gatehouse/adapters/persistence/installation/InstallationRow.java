package dev.gatehouse.adapters.persistence.installation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code installation}. Secrets are sealed text here; only the adapter opens them. */
@MappedEntity("installation")
public record InstallationRow(
        @Id UUID id,
        String name,
        String siteUrl,
        @Nullable String apiUrl,
        String status,
        String secret,
        @Nullable String previousSecret,
        @Nullable Instant previousSecretUntil,
        @Nullable String botUserId,
        @Nullable Instant installedAt,
        @Nullable Instant uninstalledAt,
        Instant createdAt,
        Instant updatedAt,
        @Version long version,
        @Nullable Integer rateLimitPerSecond,
        @Nullable Integer rateLimitBurst,
        Instant secretSetAt) {

    @Override
    public String toString() {
        // sealed values are not plaintext, but nothing secret-shaped belongs in logs
        return "InstallationRow[id=" + id + ", siteUrl=" + siteUrl + ", status=" + status + ", version=" + version
                + "]";
    }
}
