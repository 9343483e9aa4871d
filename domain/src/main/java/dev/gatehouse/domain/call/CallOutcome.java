package dev.gatehouse.domain.call;

import java.util.List;
import java.util.Objects;

/** What a use case answers a Mattermost call with; becomes an HTTP 200 CallResponse (PROTOCOL.md §4). */
public sealed interface CallOutcome {

    /** Success; {@code text} (Markdown, may be null) is shown to the user. */
    record Ok(String text) implements CallOutcome {
    }

    /** The app's bindings: a success whose data is the list of top-level bindings. */
    record Bindings(List<Binding> bindings) implements CallOutcome {
        public Bindings {
            bindings = List.copyOf(bindings);
        }
    }

    /** A user-facing error (still HTTP 200, {@code type: "error"}); the text says what went wrong and what to do. */
    record Failed(String text) implements CallOutcome {
        public Failed {
            Objects.requireNonNull(text, "text");
        }
    }
}
