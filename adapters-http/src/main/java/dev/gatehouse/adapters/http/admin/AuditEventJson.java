package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.Locale;

/** One audit event; {@code installation_id} is null for events not tied to one installation. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventJson(
        String at, String actor, @Nullable String installationId, String action, String outcome, String detail) {

    static AuditEventJson of(AuditEvent event) {
        return new AuditEventJson(
                event.at().toString(),
                event.actor(),
                event.installation().map(InstallationId::toString).orElse(null),
                event.action(),
                event.outcome().name().toLowerCase(Locale.ROOT),
                event.detail());
    }
}
