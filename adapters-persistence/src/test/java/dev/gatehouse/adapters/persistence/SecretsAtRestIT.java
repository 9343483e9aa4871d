package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Reads every column of every table as text and looks for the plain secrets: only sealed values may be there. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsAtRestIT implements TestPropertyProvider {

    @Inject
    JdbcInstallations installations;

    private final TestDatabase database = TestDatabase.shared().freshDatabase();

    @Override
    public Map<String, String> getProperties() {
        return database.stringProperties();
    }

    @Test
    void noPlainSecretIsStoredAnywhere() throws SQLException {
        Secret previous = Secret.generate();
        Secret current = Secret.generate();
        Installation added = installations.add(InstallationFixtures.anActive("https://at-rest.example.com", previous));
        installations.update(added.rotateSecret(current, T0.plusSeconds(1), Duration.ofHours(1)));

        List<String> everything = new ArrayList<>();
        List<String> sealedColumns = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("installation", "audit_event");
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT CAST(t AS text) FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        everything.add(rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT secret, previous_secret FROM installation")) {
                while (rs.next()) {
                    sealedColumns.add(rs.getString(1));
                    sealedColumns.add(rs.getString(2));
                }
            }
        }

        assertThat(everything)
                .isNotEmpty()
                .noneMatch(row -> row.contains(current.value()) || row.contains(previous.value()));
        assertThat(sealedColumns).hasSize(2).allMatch(value -> value.matches("gh1\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]+"));
        Installation loaded = installations.findById(added.id()).orElseThrow();
        assertThat(loaded.secret().matches(current)).isTrue();
        assertThat(loaded.previousSecret().orElseThrow().secret().matches(previous))
                .isTrue();
    }
}
