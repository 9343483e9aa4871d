package dev.gatehouse.domain.call;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A Mattermost binding (PROTOCOL.md §5): a command, menu item or button. The plugin drops a binding that has not
 * exactly one of {@code submit}, {@code form} or child {@code bindings}, and a command label with white space, so
 * both are refused here.
 */
public record Binding(
        String location,
        String label,
        String icon,
        String hint,
        String description,
        AppCall submit,
        Form form,
        List<Binding> bindings) {

    public Binding {
        Objects.requireNonNull(location, "location");
        bindings = bindings == null ? null : List.copyOf(bindings);
        long actions =
                Stream.of(submit, form, bindings).filter(Objects::nonNull).count();
        if (actions != 1) {
            throw new IllegalArgumentException(
                    "binding " + location + " must have exactly one of submit, form or bindings");
        }
        if (label != null && (label.isBlank() || label.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("binding label must be a single word: " + label);
        }
    }

    /** A top-level location ({@code /command}, ...) holding its bindings. */
    public static Binding location(String location, List<Binding> bindings) {
        return new Binding(location, null, null, null, null, null, null, bindings);
    }

    public static Binding command(String word, String description, AppCall submit) {
        return new Binding(word, word, null, null, description, submit, null, null);
    }

    public static Binding command(String word, String description, Form form) {
        return new Binding(word, word, null, null, description, null, form, null);
    }
}
