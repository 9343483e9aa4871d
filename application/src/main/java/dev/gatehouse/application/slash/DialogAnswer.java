package dev.gatehouse.application.slash;

import java.util.Map;

/** How a dialog submission is answered (CLASSIC.md §1): close it, keep it open with field errors, or an error. */
public sealed interface DialogAnswer {

    /** {@code {}}: the dialog closes. */
    record Closed() implements DialogAnswer {}

    /** {@code {"errors": {element: message}}}: the dialog stays open, each message under its element. */
    record FieldErrors(Map<String, String> errors) implements DialogAnswer {
        public FieldErrors {
            errors = Map.copyOf(errors);
        }
    }

    /** {@code {"error": text}}: the dialog stays open with one message. */
    record Error(String text) implements DialogAnswer {}
}
