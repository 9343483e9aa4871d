package dev.gatehouse.domain.call;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a use case answers a Mattermost call with; becomes an HTTP 200 CallResponse (PROTOCOL.md §4). */
public sealed interface CallOutcome {

    /** Success; {@code text} (Markdown, may be null) is shown to the user. */
    record Ok(String text) implements CallOutcome {}

    /** A success whose {@code data} is a string, e.g. the provider URL answering {@code get_oauth2_connect_url}. */
    record OkData(String data) implements CallOutcome {
        public OkData {
            Objects.requireNonNull(data, "data");
        }
    }

    /** The app's bindings: a success whose data is the list of top-level bindings. */
    record Bindings(List<Binding> bindings) implements CallOutcome {
        public Bindings {
            bindings = List.copyOf(bindings);
        }
    }

    /**
     * A user-facing error (still HTTP 200, {@code type: "error"}); the text says what went wrong and what to do.
     * {@code fieldErrors} name form fields with their problem (sent as {@code data.errors}, PROTOCOL.md §4).
     */
    record Failed(String text, Map<String, String> fieldErrors) implements CallOutcome {
        public Failed {
            Objects.requireNonNull(text, "text");
            fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
        }

        public Failed(String text) {
            this(text, Map.of());
        }
    }
}
