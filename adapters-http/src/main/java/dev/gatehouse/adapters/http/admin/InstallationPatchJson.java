package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import io.micronaut.json.tree.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Body of {@code PATCH /admin/installations/{id}}, read as a JSON merge patch (RFC 7396): an absent field stays as it
 * is, {@code "api_url": null} (or {@code ""}) clears it. A record with nullable components cannot tell absent from
 * null, hence the tree. {@code status} is {@code ACTIVE} or {@code DISABLED}, in any case.
 */
record InstallationPatchJson(Optional<String> name, Optional<InstallationStatus> status, Optional<String> apiUrl) {

    private static final Set<String> FIELDS = Set.of("name", "status", "api_url");

    static InstallationPatchJson parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object with any of name, status, api_url");
        }
        for (Map.Entry<String, JsonNode> field : body.entries()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException(
                        "unknown field '" + field.getKey() + "'; allowed: name, status, api_url");
            }
        }
        Optional<String> name = Optional.ofNullable(body.get("name")).map(n -> string(n, "name"));
        Optional<InstallationStatus> status =
                Optional.ofNullable(body.get("status")).map(InstallationPatchJson::status);
        Optional<String> apiUrl =
                Optional.ofNullable(body.get("api_url")).map(u -> u.isNull() ? "" : string(u, "api_url"));
        return new InstallationPatchJson(name, status, apiUrl);
    }

    ChangeInstallation.Command toCommand(String actor, InstallationId id) {
        return new ChangeInstallation.Command(actor, id, name, status, apiUrl);
    }

    private static String string(JsonNode node, String field) {
        if (!node.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.getStringValue();
    }

    private static InstallationStatus status(JsonNode node) {
        String value = node.isString() ? node.getStringValue() : null;
        for (InstallationStatus status : InstallationStatus.values()) {
            if (status.name().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be \"ACTIVE\" or \"DISABLED\"");
    }
}
