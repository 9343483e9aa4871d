package dev.gatehouse.adapters.http.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a refusal of the core next to the field it is about. The use cases and value objects name the field as the
 * admin API spells it at the start of their message ("site_url must …"), and the console's form fields carry those
 * names, so no rule is checked twice; a message naming no field of the form is shown above it.
 */
final class FieldErrors {

    static final String FORM = "form";

    private FieldErrors() {}

    static Map<String, String> of(String message, List<String> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        String text = message == null || message.isBlank() ? "invalid input" : message;
        // Longest names first, so "api_url" is not taken for a field "url".
        String field = fields.stream()
                .sorted((a, b) -> b.length() - a.length())
                .filter(f -> text.startsWith(f + " ") || text.startsWith(f + ":") || text.startsWith(f + "="))
                .findFirst()
                .orElse(FORM);
        errors.put(field, text);
        return errors;
    }

    static Map<String, String> of(String field, String message) {
        return Map.of(field, message);
    }
}
