package dev.gatehouse.adapters.persistence.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.StateNoncesContract;
import dev.gatehouse.domain.port.StateNonces;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The port contract on real Postgres, and the purge of nonces whose states have long expired. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcStateNoncesIT extends StateNoncesContract implements TestPropertyProvider {

    @Inject
    JdbcStateNonces nonces;

    @Inject
    UsedStateNonceRows rows;

    @Override
    protected StateNonces nonces() {
        return nonces;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }

    @Test
    void aConsumePurgesNoncesExpiredForLongerThanTheMarginAtMostOncePerInterval() throws SQLException {
        AtomicLong nanos = new AtomicLong();
        JdbcStateNonces replica = new JdbcStateNonces(rows, nanos::get);
        String longExpired = insert("now() - interval '2 hours'");
        String justExpired = insert("now() - interval '10 minutes'");
        String live = insert("now() + interval '10 minutes'");

        assertThat(replica.consume(aNonce(), Instant.now().plus(Duration.ofMinutes(10))))
                .isTrue();
        assertThat(stored(longExpired)).as("expired beyond the margin: purged").isFalse();
        assertThat(stored(justExpired))
                .as("inside the margin for clock skew: kept")
                .isTrue();
        assertThat(stored(live)).isTrue();

        String expiredSince = insert("now() - interval '3 hours'");
        nanos.addAndGet(JdbcStateNonces.PURGE_EVERY.toNanos() - 1);
        replica.consume(aNonce(), Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(stored(expiredSince))
                .as("no purge before the interval is over")
                .isTrue();

        nanos.addAndGet(1);
        replica.consume(aNonce(), Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(stored(expiredSince)).as("purged once the interval is over").isFalse();
        assertThat(stored(justExpired)).isTrue();
    }

    private static String aNonce() {
        return "nonce-" + UUID.randomUUID();
    }

    private static String insert(String expiresAt) throws SQLException {
        String nonce = aNonce();
        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO used_state_nonce (nonce, expires_at) VALUES (?, " + expiresAt + ")")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        return nonce;
    }

    private static boolean stored(String nonce) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT 1 FROM used_state_nonce WHERE nonce = ?")) {
            select.setString(1, nonce);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}
