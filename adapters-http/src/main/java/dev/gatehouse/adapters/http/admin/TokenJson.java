package dev.gatehouse.adapters.http.admin;

import io.micronaut.json.tree.JsonNode;

/** Body of {@code PUT …/bot} and {@code PUT …/commands/{team_id}}: {@code {token}}, made by hand in Mattermost. */
record TokenJson(String token) {

    static TokenJson parse(JsonNode body) {
        return new TokenJson(JsonBody.of(body, "token")
                .string("token")
                .filter(token -> !token.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("token is required")));
    }

    @Override
    public String toString() {
        return "TokenJson[token=redacted]";
    }
}
