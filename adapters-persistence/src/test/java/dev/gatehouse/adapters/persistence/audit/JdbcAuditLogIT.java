package dev.gatehouse.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.AuditLogContract;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcAuditLogIT extends AuditLogContract implements TestPropertyProvider {

    @Inject
    JdbcAuditLog auditLog;

    @Inject
    io.micronaut.context.BeanContext beans;

    @Override
    protected AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncate() throws SQLException {
        auditLog.append(new AuditEvent(
                Instant.now(), "cli", InstallationId.random(), "secret.rotate", AuditOutcome.SUCCEEDED, "keep me"));
        try (Connection connection = TestDatabase.shared().connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_event SET detail = 'rewritten'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_event"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_event"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            try (var rs = statement.executeQuery("SELECT count(*) FROM audit_event WHERE detail = 'keep me'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void refusalCountsOnlyGrow() throws SQLException {
        InstallationId id = InstallationId.random();
        auditLog.addRefusals(List.of(RefusalCount.of(id, RejectionReason.TOKEN_SIGNATURE, Instant.now())));
        String mine = " WHERE installation_id = '" + id + "'";
        try (Connection connection = TestDatabase.shared().connect();
                Statement statement = connection.createStatement()) {
            for (String change : List.of(
                    "UPDATE audit_refusal_counts SET count = 0" + mine,
                    "UPDATE audit_refusal_counts SET reason = 'token_expired'" + mine,
                    "UPDATE audit_refusal_counts SET installation_id = gen_random_uuid()" + mine,
                    "UPDATE audit_refusal_counts SET last_seen = last_seen - interval '1 second'" + mine,
                    "DELETE FROM audit_refusal_counts" + mine,
                    "TRUNCATE audit_refusal_counts")) {
                assertThatThrownBy(() -> statement.executeUpdate(change))
                        .as(change)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("only grow");
            }
        }
        assertThat(auditLog.findRefusals(new AuditQuery(id, null, 10)))
                .singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1));
    }

    @Test
    void theRetentionPurgeDeletesOnlyWhatIsOlderThanTheRetention() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = TestDatabase.shared().connect();
                Statement statement = connection.createStatement()) {
            insertEvent(statement, id, "500 days", "expired");
            insertEvent(statement, id, "399 days", "kept");
            insertCount(statement, id, "500 days");
            insertCount(statement, id, "399 days");

            assertThatThrownBy(() -> statement.executeUpdate(
                            "DELETE FROM audit_event WHERE installation_id = '" + id + "' AND detail = 'expired'"))
                    .hasMessageContaining("append-only");

            long purged = new AuditRetention(auditLog, new AuditConfiguration(Duration.ofDays(400)), Clock.systemUTC())
                    .purge();

            assertThat(purged).isGreaterThanOrEqualTo(2);
            assertThat(count(statement, "audit_event WHERE installation_id = '" + id + "' AND detail = 'expired'"))
                    .isZero();
            assertThat(count(statement, "audit_event WHERE installation_id = '" + id + "' AND detail = 'kept'"))
                    .isEqualTo(1);
            assertThat(count(statement, "audit_refusal_counts WHERE installation_id = '" + id + "'"))
                    .isEqualTo(1);
            // the flag the purge raises is its own: after it, ordinary deletes are refused again
            assertThatThrownBy(() ->
                            statement.executeUpdate("DELETE FROM audit_event WHERE installation_id = '" + id + "'"))
                    .hasMessageContaining("append-only");
        }
    }

    /** Whatever bound it is given, the purge never deletes anything younger than a day. */
    @Test
    void thePurgeKeepsTheLastDayWhateverItsBound() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = TestDatabase.shared().connect();
                Statement statement = connection.createStatement()) {
            insertEvent(statement, id, "2 hours", "recent");
            insertEvent(statement, id, "30 hours", "old");
            insertCount(statement, id, "2 hours");
            try (var rs = statement.executeQuery("SELECT purge_audit_before(now() + interval '10 years')")) {
                rs.next();
            }
            assertThat(count(statement, "audit_event WHERE installation_id = '" + id + "'"))
                    .isEqualTo(1);
            assertThat(count(statement, "audit_event WHERE installation_id = '" + id + "' AND detail = 'recent'"))
                    .isEqualTo(1);
            assertThat(count(statement, "audit_refusal_counts WHERE installation_id = '" + id + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theRetentionIsAtLeastADay() {
        assertThatThrownBy(() -> new AuditConfiguration(Duration.ofHours(23)))
                .hasMessage("gatehouse.audit.retention must be a duration of at least 1d, such as 400d");
        assertThatThrownBy(() -> new AuditConfiguration(null)).hasMessageContaining("gatehouse.audit.retention");
    }

    private static void insertEvent(Statement statement, UUID id, String age, String detail) throws SQLException {
        statement.executeUpdate("INSERT INTO audit_event (at, actor, installation_id, action, outcome, detail)"
                + " VALUES (now() - interval '" + age + "', 'test', '" + id + "', 'test.purge', 'SUCCEEDED', '"
                + detail + "')");
    }

    private static void insertCount(Statement statement, UUID id, String age) throws SQLException {
        statement.executeUpdate(
                "INSERT INTO audit_refusal_counts (installation_id, reason, minute, count, first_seen, last_seen)"
                        + " SELECT '" + id + "', 'token_signature', date_trunc('minute', t), 5, t, t"
                        + " FROM (SELECT now() - interval '" + age + "' AS t) x");
    }

    private static long count(Statement statement, String from) throws SQLException {
        try (var rs = statement.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theRetentionPurgeIsScheduledHourly() {
        assertThat(beans.getBeanDefinition(AuditRetention.class).getExecutableMethods())
                .filteredOn(m -> m.hasAnnotation(io.micronaut.scheduling.annotation.Scheduled.class))
                .singleElement()
                .satisfies(
                        m -> assertThat(m.stringValue(io.micronaut.scheduling.annotation.Scheduled.class, "fixedDelay"))
                                .hasValue("1h"));
    }

    /** Two replicas flushing the same counts at once, in opposite orders: both succeed and every refusal counts. */
    @Test
    void concurrentFlushesOfTheSameCountsAddUpWithoutDeadlock() throws Exception {
        Instant minute = RefusalCount.minuteOf(Instant.now());
        List<RefusalCount> counts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            counts.add(RefusalCount.of(InstallationId.random(), RejectionReason.TOKEN_SIGNATURE, minute));
        }
        List<RefusalCount> reversed = new java.util.ArrayList<>(counts);
        java.util.Collections.reverse(reversed);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (List<RefusalCount> batch : List.of(counts, reversed)) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 40; round++) {
                        auditLog.addRefusals(batch);
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (RefusalCount c : counts) {
            assertThat(auditLog.findRefusals(new AuditQuery(c.installationId(), null, 10)))
                    .singleElement()
                    .satisfies(found -> assertThat(found.count()).isEqualTo(80));
        }
    }
}
