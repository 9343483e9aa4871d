package dev.gatehouse.domain.installation;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identity of an installation, made in the core so an aggregate is whole before it is saved. */
public record InstallationId(UUID value) {

    public InstallationId {
        Objects.requireNonNull(value, "installation id is required");
    }

    public static InstallationId random() {
        return new InstallationId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; anything else is rejected with a message that says what is expected. */
    public static InstallationId parse(String text) {
        return parse(text, "installation id");
    }

    /** As {@link #parse(String)}; a refusal names the value {@code name} (the field or parameter it came from). */
    public static InstallationId parse(String text, String name) {
        String expected = name + " must be a UUID such as 123e4567-e89b-12d3-a456-426614174000";
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException(expected);
        }
        try {
            return new InstallationId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    /** The id a route segment names, or empty when it is not an installation id at all. */
    public static Optional<InstallationId> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
