package dev.gatehouse.domain.call;

import java.util.List;
import java.util.Objects;

/**
 * An interactive dialog Mattermost opens for a user (CLASSIC.md §1, {@code POST /api/v4/actions/dialogs/open}): it
 * submits to {@code url} with {@code callbackId} and {@code state} echoed. Titles and element names are at most 24
 * characters, as Mattermost requires.
 */
public record Dialog(
        String triggerId,
        String url,
        String callbackId,
        String title,
        List<Element> elements,
        String submitLabel,
        String state) {

    public record Element(String displayName, String name, boolean secret, boolean optional, String helpText) {
        public Element {
            checkLabel(displayName, "element display name");
            Objects.requireNonNull(name, "name");
        }
    }

    public Dialog {
        if (triggerId == null || triggerId.isBlank()) {
            throw new IllegalArgumentException("a dialog needs the trigger_id of the command that opens it");
        }
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(callbackId, "callbackId");
        checkLabel(title, "dialog title");
        elements = List.copyOf(elements);
        Objects.requireNonNull(state, "state");
    }

    private static void checkLabel(String label, String what) {
        if (label == null || label.isBlank() || label.length() > 24) {
            throw new IllegalArgumentException(what + " must be 1 to 24 characters");
        }
    }

    @Override
    public String toString() {
        return "Dialog[callbackId=" + callbackId + ", title=" + title + ", elements=" + elements.size()
                + ", triggerId=redacted, state=redacted]";
    }
}
