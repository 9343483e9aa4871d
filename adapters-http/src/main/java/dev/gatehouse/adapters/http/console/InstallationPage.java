package dev.gatehouse.adapters.http.console;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * One installation: its facts, the secret just made (shown this once, then never again), the forms that change it,
 * their errors, a notice about the last action, and its newest audit lines.
 */
public record InstallationPage(
        ConsoleSession session,
        InstallationView installation,
        @Nullable String newSecret,
        @Nullable String newSecretReason,
        @Nullable String notice,
        Map<String, String> errors,
        List<AuditLine> audit) {

    @Override
    public String toString() {
        return "InstallationPage[" + installation.id() + ", newSecret=" + (newSecret == null ? "none" : "redacted")
                + "]";
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** The form field a refusal is about (focused, and linked from the summary at the top); null when none. */
    public @Nullable String erroneousField() {
        return errors.keySet().stream()
                .filter(f -> !f.equals(FieldErrors.FORM) && !f.equals("status"))
                .findFirst()
                .orElse(null);
    }
}
