package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.RateLimit;
import io.micronaut.json.tree.JsonNode;
import java.util.Optional;

/**
 * Body of {@code PATCH /admin/installations/{id}}, read as a JSON merge patch (RFC 7396): an absent field stays as it
 * is, {@code "api_url": null} (or {@code ""}) clears it. A record with nullable components cannot tell absent from
 * null, hence the tree. {@code status} is {@code ACTIVE} or {@code DISABLED}, in any case. {@code rate_limit} is
 * {@code {"per_second": 50, "burst": 100}} ({@code burst} defaults to twice {@code per_second}), or {@code null} for
 * the service default.
 */
record InstallationPatchJson(
        Optional<String> name,
        Optional<InstallationStatus> status,
        Optional<String> apiUrl,
        Optional<ChangeInstallation.RateLimitChange> rateLimit) {

    static InstallationPatchJson parse(JsonNode body) {
        JsonBody fields = JsonBody.of(body, "name", "status", "api_url", "rate_limit");
        return new InstallationPatchJson(
                patched(fields, "name"),
                patched(fields, "status").map(InstallationPatchJson::status),
                patched(fields, "api_url"),
                fields.has("rate_limit")
                        ? Optional.of(new ChangeInstallation.RateLimitChange(rateLimit(fields)))
                        : Optional.empty());
    }

    ChangeInstallation.Command toCommand(String actor, InstallationId id) {
        return new ChangeInstallation.Command(actor, id, name, status, apiUrl, rateLimit);
    }

    /** Null for JSON null (the service default); a message naming {@code rate_limit.<field>} for anything wrong. */
    private static RateLimit rateLimit(JsonBody fields) {
        try {
            return fields.object("rate_limit", "per_second", "burst")
                    .map(limit -> {
                        long perSecond = limit.integer("per_second", "calls a second", 1, RateLimit.MAX)
                                .orElseThrow(() -> new IllegalArgumentException("per_second is required"));
                        Optional<Long> burst = limit.integer("burst", "calls", 1, RateLimit.MAX);
                        return burst.isPresent()
                                ? new RateLimit((int) perSecond, burst.get().intValue())
                                : RateLimit.perSecond((int) perSecond);
                    })
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String prefix = message.startsWith("rate_limit")
                    ? ""
                    : message.startsWith("per_second") || message.startsWith("burst") ? "rate_limit." : "rate_limit: ";
            throw new IllegalArgumentException(
                    prefix + message + " (for example {\"per_second\": 50, \"burst\": 100}, or null)");
        }
    }

    /** Absent: no change; {@code null}: clear (as {@code ""}, which only api_url accepts); else the string. */
    private static Optional<String> patched(JsonBody fields, String field) {
        return fields.has(field) ? Optional.of(fields.string(field).orElse("")) : Optional.empty();
    }

    private static InstallationStatus status(String value) {
        for (InstallationStatus status : InstallationStatus.values()) {
            if (status.name().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be \"ACTIVE\" or \"DISABLED\"");
    }
}
