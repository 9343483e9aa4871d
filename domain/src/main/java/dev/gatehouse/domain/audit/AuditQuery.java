package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;

/**
 * Filter for reading the audit log, newest first. Null filters match everything. {@code before} is exclusive, so a
 * reader pages back by passing the time of the last line it has; {@code outcome} keeps the lines with that outcome
 * (refusal counts are {@link AuditOutcome#REFUSED}).
 */
public record AuditQuery(
        InstallationId installationId, Instant since, Instant before, AuditOutcome outcome, int limit) {

    public static final int MAX_LIMIT = 1000;

    /** What Postgres' timestamptz can hold and an audit log can mean; outside it a query would fail, not answer. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (since != null && (since.isBefore(EARLIEST) || since.isAfter(LATEST))) {
            throw new IllegalArgumentException("since must be between " + EARLIEST + " and " + LATEST);
        }
        if (before != null && (before.isBefore(EARLIEST) || before.isAfter(LATEST))) {
            throw new IllegalArgumentException("until must be between " + EARLIEST + " and " + LATEST);
        }
    }

    public AuditQuery(InstallationId installationId, Instant since, int limit) {
        this(installationId, since, null, null, limit);
    }

    /** Whether a line at {@code at} with {@code lineOutcome} passes the time and outcome filters. */
    public boolean admits(Instant at, AuditOutcome lineOutcome) {
        return (since == null || !at.isBefore(since))
                && (before == null || at.isBefore(before))
                && (outcome == null || outcome == lineOutcome);
    }
}
