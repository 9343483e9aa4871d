package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One security-relevant event. {@code detail} is free text for humans and must never carry a secret or token;
 * callers build it from reasons and ids only.
 */
public record AuditEvent(
        Instant at, String actor, InstallationId installationId, String action, AuditOutcome outcome, String detail)
        implements AuditEntry {

    public static final int MAX_DETAIL = 500;

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        actor = actor == null || actor.isBlank() ? "unknown" : truncate(actor, 200);
        detail = detail == null ? "" : truncate(detail, MAX_DETAIL);
    }

    public Optional<InstallationId> installation() {
        return Optional.ofNullable(installationId);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
