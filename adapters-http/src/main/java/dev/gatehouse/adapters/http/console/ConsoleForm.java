package dev.gatehouse.adapters.http.console;

import java.util.Map;

/**
 * The fields of a console form whose CSRF token matched the session's: the only way a console action reads its
 * input, so no action runs on a forged POST. SameSite=Strict alone would not be enough (older browsers, same-site
 * subdomains).
 */
record ConsoleForm(Map<String, String> fields) {

    static final String CSRF_FIELD = "csrf";

    static ConsoleForm checked(ConsoleSession session, Map<String, String> body) {
        if (body == null || !session.csrfMatches(body.get(CSRF_FIELD))) {
            throw new CsrfTokenMismatch();
        }
        return new ConsoleForm(Map.copyOf(body));
    }

    /** The field without surrounding spaces; empty when absent. */
    String get(String name) {
        String value = fields.get(name);
        return value == null ? "" : value.strip();
    }

    boolean isChecked(String name) {
        return !get(name).isEmpty();
    }

    @Override
    public String toString() {
        return "ConsoleForm[fields=" + fields.keySet() + "]"; // values may be secrets or tokens
    }

    /** A POST without this session's token: refused with 403, nothing done. */
    static final class CsrfTokenMismatch extends RuntimeException {
        CsrfTokenMismatch() {
            super("the form's CSRF token is missing or not this session's", null, false, false);
        }
    }
}
