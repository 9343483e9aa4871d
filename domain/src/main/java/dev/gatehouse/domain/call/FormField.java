package dev.gatehouse.domain.call;

import java.util.Objects;
import java.util.regex.Pattern;

/** A field of a Mattermost form (PROTOCOL.md §5). {@code name} and {@code label} are single words. */
public record FormField(
        String name, String type, String subtype, String label, String hint, boolean required, int position) {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]+");

    public FormField {
        Objects.requireNonNull(type, "type");
        if (name == null || !WORD.matcher(name).matches()) {
            throw new IllegalArgumentException("field name must be a single word");
        }
        if (label != null && !WORD.matcher(label).matches()) {
            throw new IllegalArgumentException("field label must be a single word");
        }
    }

    public static FormField text(String name, String label, String hint, int position) {
        return new FormField(name, "text", null, label, hint, true, position);
    }

    public static FormField password(String name, String label, String hint, int position) {
        return new FormField(name, "text", "password", label, hint, true, position);
    }
}
