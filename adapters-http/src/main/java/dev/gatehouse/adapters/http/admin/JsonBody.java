package dev.gatehouse.adapters.http.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin request body read from the JSON tree, strictly: a JSON object with no field but the allowed ones, each of
 * the JSON type it must have. (Bound to a record, micronaut-serde would quietly turn {@code 123} into {@code "123"}
 * and {@code "60"} or {@code 1.5} into a number.) A refusal names the field as JSON spells it and never echoes the
 * value, which may be a secret. JSON {@code null} reads as absent.
 */
final class JsonBody {

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    static JsonBody of(@Nullable JsonNode body, String... fields) {
        List<String> allowed = List.of(fields);
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException(
                    "body must be a JSON object; allowed fields: " + String.join(", ", allowed));
        }
        for (Map.Entry<String, JsonNode> field : body.entries()) {
            if (!allowed.contains(field.getKey())) {
                throw new IllegalArgumentException(
                        "unknown field '" + field.getKey() + "'; allowed: " + String.join(", ", allowed));
            }
        }
        return new JsonBody(body);
    }

    /** Whether the field was sent, even as {@code null}. */
    boolean has(String field) {
        return object.get(field) != null;
    }

    Optional<String> string(String field) {
        return value(field).map(node -> {
            if (!node.isString()) {
                throw new IllegalArgumentException(field + " must be a string");
            }
            return node.getStringValue();
        });
    }

    Optional<Boolean> bool(String field) {
        return value(field).map(node -> {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException(field + " must be true or false");
            }
            return node.getBooleanValue();
        });
    }

    /** A nested JSON object with its own allowed fields. */
    Optional<JsonBody> object(String field, String... fields) {
        return value(field).map(node -> {
            if (!node.isObject()) {
                throw new IllegalArgumentException(field + " must be a JSON object or null");
            }
            return JsonBody.of(node, fields);
        });
    }

    /** A JSON array of strings. */
    Optional<List<String>> strings(String field) {
        return value(field).map(node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException(field + " must be an array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode element : node.values()) {
                if (!element.isString()) {
                    throw new IllegalArgumentException(field + " must be an array of strings");
                }
                values.add(element.getStringValue());
            }
            return List.copyOf(values);
        });
    }

    /** An integer written as one ({@code 60}, not {@code 60.0} or {@code "60"}), from {@code min} to {@code max}. */
    Optional<Long> integer(String field, String unit, long min, long max) {
        return value(field).map(node -> {
            Number number = node.isNumber() ? node.getNumberValue() : null;
            if (!(number instanceof Integer || number instanceof Long || number instanceof BigInteger)) {
                throw new IllegalArgumentException(field + " must be an integer number of " + unit);
            }
            BigInteger value = new BigInteger(number.toString());
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new IllegalArgumentException(field + " must be between " + min + " and " + max + " " + unit);
            }
            return value.longValue();
        });
    }

    private Optional<JsonNode> value(String field) {
        return Optional.ofNullable(object.get(field)).filter(node -> !node.isNull());
    }
}
