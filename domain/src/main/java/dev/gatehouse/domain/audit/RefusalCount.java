package dev.gatehouse.domain.audit;

import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The refusals of one installation's calls for one reason within one minute, none of which carried a valid credential
 * (see {@link RejectionReason#withoutValidCredential()}). Anyone can cause these, so they are counted rather than
 * kept one by one: a flood of bogus tokens costs a row per minute, not a row per request.
 *
 * @param minute    the start of the minute (UTC) the refusals fell in
 * @param firstSeen the first refusal counted, within the minute
 * @param lastSeen  the last refusal counted, within the minute
 */
public record RefusalCount(
        InstallationId installationId,
        RejectionReason reason,
        Instant minute,
        long count,
        Instant firstSeen,
        Instant lastSeen)
        implements AuditEntry {

    public RefusalCount {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (!minute.equals(minuteOf(minute))) {
            throw new IllegalArgumentException("minute must be the start of a minute");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (firstSeen.isAfter(lastSeen)
                || !minuteOf(firstSeen).equals(minute)
                || !minuteOf(lastSeen).equals(minute)) {
            throw new IllegalArgumentException("first and last seen must be in order and within the minute");
        }
    }

    /** One refusal. */
    public static RefusalCount of(InstallationId installationId, RejectionReason reason, Instant at) {
        return new RefusalCount(installationId, reason, minuteOf(at), 1, at, at);
    }

    public static Instant minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** This count and another of the same installation, reason and minute, as one. */
    public RefusalCount plus(RefusalCount other) {
        if (!installationId.equals(other.installationId) || reason != other.reason || !minute.equals(other.minute)) {
            throw new IllegalArgumentException("only counts of the same installation, reason and minute add up");
        }
        return new RefusalCount(
                installationId,
                reason,
                minute,
                Math.addExact(count, other.count),
                firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen,
                lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen);
    }

    @Override
    public Instant at() {
        return lastSeen;
    }
}
