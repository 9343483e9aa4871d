package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.application.installation.RegisterInstallation;
import io.micronaut.json.tree.JsonNode;

/**
 * Body of {@code POST /admin/installations}: {@code {name, site_url, api_url?}}. Only JSON types are checked here;
 * values are checked by the use case, which names the field at fault.
 */
record CreateInstallationJson(String name, String siteUrl, String apiUrl) {

    static CreateInstallationJson parse(JsonNode body) {
        JsonBody fields = JsonBody.of(body, "name", "site_url", "api_url");
        return new CreateInstallationJson(
                fields.string("name").orElse(null),
                fields.string("site_url").orElse(null),
                fields.string("api_url").orElse(null));
    }

    RegisterInstallation.Command toCommand(String actor) {
        return new RegisterInstallation.Command(actor, name, siteUrl, apiUrl);
    }
}
