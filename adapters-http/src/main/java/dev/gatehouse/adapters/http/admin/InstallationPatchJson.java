package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import io.micronaut.json.tree.JsonNode;
import java.util.Optional;

/**
 * Body of {@code PATCH /admin/installations/{id}}, read as a JSON merge patch (RFC 7396): an absent field stays as it
 * is, {@code "api_url": null} (or {@code ""}) clears it. A record with nullable components cannot tell absent from
 * null, hence the tree. {@code status} is {@code ACTIVE} or {@code DISABLED}, in any case.
 */
record InstallationPatchJson(Optional<String> name, Optional<InstallationStatus> status, Optional<String> apiUrl) {

    static InstallationPatchJson parse(JsonNode body) {
        JsonBody fields = JsonBody.of(body, "name", "status", "api_url");
        return new InstallationPatchJson(
                patched(fields, "name"),
                patched(fields, "status").map(InstallationPatchJson::status),
                patched(fields, "api_url"));
    }

    ChangeInstallation.Command toCommand(String actor, InstallationId id) {
        return new ChangeInstallation.Command(actor, id, name, status, apiUrl);
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
