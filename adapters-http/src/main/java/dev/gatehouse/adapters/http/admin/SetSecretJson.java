package dev.gatehouse.adapters.http.admin;

import io.micronaut.json.tree.JsonNode;

/** Body of {@code PUT .../secret}: {@code {secret}}, an operator-chosen secret. */
record SetSecretJson(String secret) {

    static SetSecretJson parse(JsonNode body) {
        return new SetSecretJson(JsonBody.of(body, "secret")
                .string("secret")
                .orElseThrow(() -> new IllegalArgumentException("secret is required")));
    }

    @Override
    public String toString() {
        return "SetSecretJson[secret=redacted]";
    }
}
