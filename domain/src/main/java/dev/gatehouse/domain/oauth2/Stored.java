package dev.gatehouse.domain.oauth2;

import java.util.Objects;
import java.util.Optional;

/**
 * Something Gatehouse keeps inside Mattermost (sealed with its master key), as a call brought it back: there, not
 * there, or there but not readable by this Gatehouse (sealed with an unknown key, altered, or written by something
 * else). Unreadable is not the same as absent: the user is told to set it again rather than that it was never set.
 */
public sealed interface Stored<T> {

    /**
     * {@code outdated}: sealed in an older format or under a previous master key; it opened, and is worth storing
     * again (re-sealed in the current format) where it is kept.
     */
    record Present<T>(T value, boolean outdated) implements Stored<T> {
        public Present {
            Objects.requireNonNull(value, "value");
        }

        public Present(T value) {
            this(value, false);
        }
    }

    record Absent<T>() implements Stored<T> {}

    /** {@code reason} says what is wrong in words safe to show and log; it never contains the stored text. */
    record Unreadable<T>(String reason) implements Stored<T> {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Stored<T> absent() {
        return new Absent<>();
    }

    static <T> Stored<T> of(T value) {
        return new Present<>(value);
    }

    /** Present, but sealed in an older format or under a previous key: to be stored again. */
    static <T> Stored<T> outdated(T value) {
        return new Present<>(value, true);
    }

    static <T> Stored<T> unreadable(String reason) {
        return new Unreadable<>(reason);
    }

    /** The value when present; empty when absent or unreadable. */
    default Optional<T> present() {
        return this instanceof Present<T> present ? Optional.of(present.value()) : Optional.empty();
    }

    /** The value when it is present but outdated ({@link Present#outdated()}): what should be stored again. */
    default Optional<T> outdatedValue() {
        return this instanceof Present<T> present && present.outdated()
                ? Optional.of(present.value())
                : Optional.empty();
    }
}
