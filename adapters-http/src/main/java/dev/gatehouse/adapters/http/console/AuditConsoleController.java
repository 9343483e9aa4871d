package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.domain.audit.AuditEntry;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit log, newest first, filtered by installation, outcome and time, paged back by the time of the last line. */
@Controller(ConsolePaths.ROOT + "/audit")
@ExecuteOn(BlockingExecutor.NAME)
final class AuditConsoleController {

    static final int PAGE_SIZE = 50;

    private final ReadAuditLog audit;
    private final ConsolePages pages;

    AuditConsoleController(UseCases useCases, ConsolePages pages) {
        this.audit = useCases.readAuditLog();
        this.pages = pages;
    }

    @Get("{?installation,outcome,since,before}")
    HttpResponse<?> list(
            ConsoleSession session,
            @Nullable @QueryValue String installation,
            @Nullable @QueryValue String outcome,
            @Nullable @QueryValue String since,
            @Nullable @QueryValue String before) {
        String installationText = blankToEmpty(installation);
        String outcomeText = blankToEmpty(outcome).toLowerCase(Locale.ROOT);
        String sinceText = blankToEmpty(since);
        String beforeText = blankToEmpty(before);
        Map<String, String> errors = new HashMap<>();
        InstallationId installationId = null;
        AuditOutcome wanted = null;
        Instant from = null;
        Instant until = null;
        if (!installationText.isEmpty()) {
            installationId = InstallationId.tryParse(installationText).orElse(null);
            if (installationId == null) {
                errors.put("installation", "installation must be an installation id (a UUID)");
            }
        }
        if (!outcomeText.isEmpty()) {
            try {
                wanted = AuditOutcome.valueOf(outcomeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("outcome", "outcome must be succeeded, refused or failed");
            }
        }
        if (!sinceText.isEmpty()) {
            try {
                from = LocalDateTime.parse(sinceText).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.put("since", "since must be a date and time such as 2026-12-01T08:00 (UTC)");
            }
        }
        if (!beforeText.isEmpty()) {
            try {
                until = Instant.parse(beforeText);
            } catch (DateTimeParseException e) {
                errors.put("before", "before must be an instant such as 2026-12-01T08:00:00Z");
            }
        }
        List<AuditLine> lines = List.of();
        String olderThan = null;
        if (errors.isEmpty()) {
            try {
                List<AuditEntry> entries = audit.read(new AuditQuery(installationId, from, until, wanted, PAGE_SIZE));
                lines = entries.stream().map(AuditLine::of).toList();
                if (entries.size() == PAGE_SIZE) {
                    olderThan = entries.get(entries.size() - 1).at().toString();
                }
            } catch (IllegalArgumentException e) {
                errors.put("since", e.getMessage());
            }
        }
        return pages.page(
                errors.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY,
                "audit",
                new AuditPage(session, installationText, outcomeText, sinceText, beforeText, lines, olderThan, errors));
    }

    private static String blankToEmpty(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
