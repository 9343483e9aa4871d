package dev.gatehouse.adapters.http.console;

import java.util.Map;

/** The register form, with what was typed and the errors next to their fields. */
public record RegisterPage(ConsoleSession session, Map<String, String> values, Map<String, String> errors) {

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }
}
