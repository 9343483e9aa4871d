package dev.gatehouse.adapters.persistence.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code gatehouse.audit.retention}: every hour each replica deletes audit rows older than the retention
 * through {@code purge_audit_before}, the one way rows leave the append-only tables. Replicas need no coordination:
 * a purge that runs concurrently with another deletes what the other has not, and then nothing.
 */
@Singleton
public final class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcAuditLog auditLog;
    private final AuditConfiguration configuration;
    private final Clock clock;

    @Inject
    public AuditRetention(JdbcAuditLog auditLog, AuditConfiguration configuration) {
        this(auditLog, configuration, Clock.systemUTC());
    }

    AuditRetention(JdbcAuditLog auditLog, AuditConfiguration configuration, Clock clock) {
        this.auditLog = auditLog;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** Housekeeping: a failure (the database is down) is logged and the next run tries again. */
    @Scheduled(initialDelay = "2m", fixedDelay = "1h")
    void purgeOnSchedule() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not purge the audit log ({}); trying again in an hour",
                    e.getClass().getSimpleName());
        }
    }

    /** Deletes what is older than the retention; answers how many rows went. */
    public long purge() {
        Instant bound = clock.instant().minus(configuration.retention());
        long purged = auditLog.purgeBefore(bound);
        if (purged > 0) {
            LOG.info("purged {} audit rows older than {} (gatehouse.audit.retention)", purged, bound);
        }
        return purged;
    }
}
