package dev.gatehouse.domain.call;

import java.util.Objects;
import java.util.function.Function;

/**
 * What one check of a Mattermost request came to: the value it let through, or why it was refused. Every step of the
 * call path answers with this one type — the token ({@code CallClaims}), the caller ({@link Caller}), the body bound to
 * the caller ({@link VerifiedCall}) — so a request walks one kind of result from route to use case.
 */
public sealed interface Admission<T> {

    record Admitted<T>(T value) implements Admission<T> {
        public Admitted {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(RejectionReason reason) implements Admission<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Admission<T> admitted(T value) {
        return new Admitted<>(value);
    }

    static <T> Admission<T> refused(RejectionReason reason) {
        return new Refused<>(reason);
    }

    /** The next check, on the admitted value; a refusal stays the same refusal. */
    default <R> Admission<R> flatMap(Function<? super T, Admission<R>> next) {
        if (this instanceof Admitted<T> admitted) {
            return next.apply(admitted.value());
        }
        if (this instanceof Refused<T> refused) {
            return new Refused<>(refused.reason());
        }
        throw new IllegalStateException("unmapped admission " + this);
    }

    /** The admitted value transformed; a refusal stays the same refusal. */
    default <R> Admission<R> map(Function<? super T, ? extends R> next) {
        if (this instanceof Admitted<T> admitted) {
            return new Admitted<>(next.apply(admitted.value()));
        }
        if (this instanceof Refused<T> refused) {
            return new Refused<>(refused.reason());
        }
        throw new IllegalStateException("unmapped admission " + this);
    }
}
