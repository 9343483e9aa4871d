package dev.gatehouse.adapters.http.admin;

import io.micronaut.json.tree.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /admin/installations/{id}/provision}: {@code {mattermost_token, teams?, enable_settings?}}. The
 * token is a Mattermost system admin's, used for this request only.
 */
record ProvisionJson(String mattermostToken, List<String> teams, boolean enableSettings) {

    static ProvisionJson parse(JsonNode body) {
        JsonBody json = JsonBody.of(body, "mattermost_token", "teams", "enable_settings");
        return new ProvisionJson(
                json.string("mattermost_token")
                        .filter(token -> !token.isBlank())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "mattermost_token is required: a Mattermost system admin's access token")),
                json.strings("teams").orElse(List.of()),
                json.bool("enable_settings").orElse(false));
    }

    @Override
    public String toString() {
        return "ProvisionJson[teams=" + teams + ", enableSettings=" + enableSettings + ", mattermostToken=redacted]";
    }
}
