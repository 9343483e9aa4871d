package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.domain.installation.Installation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;

/**
 * Body of {@code POST .../secret/rotate}: {@code {grace_seconds?}}. No body, {@code null}, {@code {}} or a null
 * {@code grace_seconds} mean the default grace window.
 */
record RotateSecretJson(Duration grace) {

    static RotateSecretJson parse(@Nullable JsonNode body) {
        if (body == null || body.isNull()) {
            return new RotateSecretJson(RotateSecret.DEFAULT_GRACE);
        }
        return new RotateSecretJson(JsonBody.of(body, "grace_seconds")
                .integer("grace_seconds", "seconds", 0, Installation.MAX_GRACE.toSeconds())
                .map(Duration::ofSeconds)
                .orElse(RotateSecret.DEFAULT_GRACE));
    }
}
