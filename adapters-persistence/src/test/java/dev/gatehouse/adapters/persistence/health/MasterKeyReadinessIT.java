package dev.gatehouse.adapters.persistence.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.secrets.JdbcSealedValues;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.port.Installations;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A replica started with a master key that cannot open the stored secrets must not report ready; after a rotation,
 * readiness counts the values still under the retired key until they are re-sealed.
 */
class MasterKeyReadinessIT {

    private static final String OTHER_KEY = "b3RoZXItdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE=";

    private static HealthResult readiness(ApplicationContext context) {
        return Mono.from(context.getBean(DatabaseReadiness.class).getResult()).block(Duration.ofSeconds(10));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sealedValues(HealthResult result) {
        return (Map<String, Object>) ((Map<String, Object>) result.getDetails()).get("sealedValues");
    }

    private static Map<String, Object> joining(TestDatabase database, String key) {
        Map<String, Object> p = database.properties();
        p.put("flyway.datasources.default.clean-schema", false);
        p.put("gatehouse.master-key", key);
        return p;
    }

    @Test
    void isDownWithTheWrongKeyAndUpOnceTheOldKeyIsGivenAsAPreviousOne() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        try (ApplicationContext first = ApplicationContext.run(database.properties())) {
            first.getBean(Installations.class).add(InstallationFixtures.anActive());
            assertThat(readiness(first).getStatus()).isEqualTo(HealthStatus.UP);
        }
        try (ApplicationContext wrongKey = ApplicationContext.run(joining(database, OTHER_KEY))) {
            HealthResult result = readiness(wrongKey);
            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(String.valueOf(result.getDetails())).contains("GATEHOUSE_PREVIOUS_MASTER_KEYS");
        }
        Map<String, Object> rotated = joining(database, OTHER_KEY);
        rotated.put("gatehouse.previous-master-keys", TestDatabase.MASTER_KEY);
        try (ApplicationContext afterRotation = ApplicationContext.run(rotated)) {
            HealthResult result = readiness(afterRotation);
            assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
            // up, but the value under the retired key is counted: removing that key now would lose it
            assertThat(sealedValues(result)).containsEntry("outdated", 1L);
            assertThat(String.valueOf(sealedValues(result).get("hint"))).contains("secrets reseal");
        }
        try (ApplicationContext afterReseal = ApplicationContext.run(rotated)) {
            afterReseal.getBean(JdbcSealedValues.class).resealAll(100, line -> {});
            assertThat(sealedValues(readiness(afterReseal)))
                    .containsEntry("outdated", 0L)
                    .doesNotContainKey("hint");
        }
        try (ApplicationContext oldKeyRemoved = ApplicationContext.run(joining(database, OTHER_KEY))) {
            assertThat(readiness(oldKeyRemoved).getStatus()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void secretsInTheOldUnboundFormatKeepAReplicaOutUntilTheMigrationWindowIsOpened() throws Exception {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        Installation added;
        try (ApplicationContext first = ApplicationContext.run(database.properties())) {
            added = first.getBean(Installations.class).add(InstallationFixtures.anActive());
        }
        String gh1 = new AesGcmSecretCipher(TestDatabase.MASTER_KEY, null)
                .sealUnbound(added.secret().value());
        try (Connection c = database.connect();
                PreparedStatement update = c.prepareStatement("UPDATE installation SET secret = ? WHERE id = ?")) {
            update.setString(1, gh1);
            update.setObject(2, added.id().value());
            update.executeUpdate();
        }
        try (ApplicationContext strict = ApplicationContext.run(joining(database, TestDatabase.MASTER_KEY))) {
            HealthResult result = readiness(strict);
            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(String.valueOf(result.getDetails()))
                    .contains("gh1")
                    .contains("GATEHOUSE_SECRETS_ACCEPT_UNBOUND")
                    .doesNotContain(gh1);
        }
        Map<String, Object> window = joining(database, TestDatabase.MASTER_KEY);
        window.put("gatehouse.secrets.accept-unbound", true);
        try (ApplicationContext migrating = ApplicationContext.run(window)) {
            HealthResult result = readiness(migrating);
            assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(sealedValues(result)).containsEntry("outdated", 1L);
        }
    }
}
