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

    /** The field that gets the focus: the first one with an error, else the name. */
    public String focus() {
        return java.util.stream.Stream.of("name", "site_url", "api_url")
                .filter(errors::containsKey)
                .findFirst()
                .orElse("name");
    }
}
