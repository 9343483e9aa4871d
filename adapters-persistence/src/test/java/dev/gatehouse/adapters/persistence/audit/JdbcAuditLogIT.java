package dev.gatehouse.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.AuditLogContract;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.AuditLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcAuditLogIT extends AuditLogContract implements TestPropertyProvider {

    @Inject
    JdbcAuditLog auditLog;

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
}
