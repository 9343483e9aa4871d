package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.security.AdminRoles;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /admin/audit}: the audit log, newest first. */
@Controller("/admin/audit")
@Secured(AdminRoles.ADMIN)
@ExecuteOn(BlockingExecutor.NAME)
public final class AuditController {

    private final ReadAuditLog readAuditLog;

    AuditController(UseCases useCases) {
        this.readAuditLog = useCases.readAuditLog();
    }

    @Get("{?installation_id,since,limit}")
    AuditEventsJson read(
            @Nullable @QueryValue("installation_id") String installationId,
            @Nullable @QueryValue String since,
            @Nullable @QueryValue Integer limit) {
        InstallationId id = installationId == null ? null : InstallationId.parse(installationId, "installation_id");
        return new AuditEventsJson(readAuditLog.read(id, since == null ? null : parseInstant(since), limit).stream()
                .map(AuditEventJson::of)
                .toList());
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
