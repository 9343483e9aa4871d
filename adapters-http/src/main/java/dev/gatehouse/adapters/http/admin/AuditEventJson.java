package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.domain.audit.AuditEntry;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.Locale;

/**
 * One line of the audit log; {@code installation_id} is null for events not tied to one installation. An event has
 * {@code count} 1 and {@code first_seen} equal to {@code at}; the refusals without a valid credential of one
 * installation, reason and minute are one line with their {@code count}, the first refusal's time in
 * {@code first_seen} and the last one's in {@code at}, and the reason as {@code detail}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventJson(
        String at,
        String actor,
        @Nullable String installationId,
        String action,
        String outcome,
        String detail,
        long count,
        String firstSeen) {

    static AuditEventJson of(AuditEntry entry) {
        if (entry instanceof AuditEvent event) {
            return new AuditEventJson(
                    event.at().toString(),
                    event.actor(),
                    event.installation().map(InstallationId::toString).orElse(null),
                    event.action(),
                    outcome(event.outcome()),
                    event.detail(),
                    1,
                    event.at().toString());
        }
        if (entry instanceof RefusalCount count) {
            return new AuditEventJson(
                    count.lastSeen().toString(),
                    RecordRejection.ACTOR,
                    count.installationId().toString(),
                    RecordRejection.ACTION,
                    outcome(AuditOutcome.REFUSED),
                    count.reason().code(),
                    count.count(),
                    count.firstSeen().toString());
        }
        throw new IllegalStateException("unmapped audit entry " + entry.getClass());
    }

    private static String outcome(AuditOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
