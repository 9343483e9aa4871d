package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
import dev.gatehouse.bootstrap.cli.GatehouseCommand;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code gatehouse secrets reseal} finishes a master-key rotation against a real database: counts, batches, a second
 * run that finds nothing to do, exit 6 while a value cannot be opened, and the old key removable afterwards.
 */
class SecretsResealCliIT {

    private final TestDatabase database = TestDatabase.shared().freshDatabase();

    record Run(int exit, String out, String err) {}

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private ApplicationContext gatehouse(Map<String, Object> settings) {
        Map<String, Object> p = database.properties();
        p.put("flyway.datasources.default.clean-schema", false);
        p.put("gatehouse.admin.jwt-secret", "cli-test-admin-secret-0123456789abcdefghij");
        p.put("gatehouse.public-url", "https://gatehouse.example.com");
        p.putAll(settings);
        return ApplicationContext.run(p);
    }

    private static Run run(ApplicationContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GatehouseCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<String> secrets() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT secret FROM installation ORDER BY id")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void resealsEverythingUnderTheNewKeyInBatchesAndSaysWhatItCouldNotOpen() throws Exception {
        List<Installation> added = new ArrayList<>();
        List<Secret> plain = new ArrayList<>();
        try (ApplicationContext before = gatehouse(Map.of())) {
            JdbcInstallations installations = before.getBean(JdbcInstallations.class);
            for (int i = 0; i < 5; i++) {
                Secret secret = Secret.generate();
                plain.add(secret);
                added.add(installations.add(Installation.create(
                        InstallationId.random(),
                        "Chat " + i,
                        SiteUrl.of("https://reseal-" + i + ".example.com"),
                        null,
                        secret,
                        Instant.now())));
            }
        }
        // one value from before owner binding (gh1), read only during the migration window
        String gh1 = new AesGcmSecretCipher(TestDatabase.MASTER_KEY, null)
                .sealUnbound(plain.get(0).value());
        try (Connection c = database.connect();
                PreparedStatement update = c.prepareStatement("UPDATE installation SET secret = ? WHERE id = ?")) {
            update.setString(1, gh1);
            update.setObject(2, added.get(0).id().value());
            update.executeUpdate();
        }
        String newKey = newKey();
        Map<String, Object> rotated =
                Map.of("gatehouse.master-key", newKey, "gatehouse.previous-master-keys", TestDatabase.MASTER_KEY);

        try (ApplicationContext strict = gatehouse(rotated)) {
            Run first = run(strict, "secrets", "reseal", "--batch-size", "2");
            assertThat(first.exit()).as(first.err()).isEqualTo(6);
            assertThat(first.out()).contains("re-sealed:       4", "already current: 0", "failed:          1");
            assertThat(first.err()).contains("GATEHOUSE_SECRETS_ACCEPT_UNBOUND").doesNotContain(gh1);
            assertThat(first.out() + first.err()).doesNotContain(plain.get(1).value());
        }
        try (ApplicationContext migrating = gatehouse(Map.of(
                "gatehouse.master-key",
                newKey,
                "gatehouse.previous-master-keys",
                TestDatabase.MASTER_KEY,
                "gatehouse.secrets.accept-unbound",
                true))) {
            Run second = run(migrating, "secrets", "reseal");
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).contains("re-sealed:       1", "already current: 4", "failed:          0");

            Run third = run(migrating, "secrets", "reseal", "--batch-size", "1");
            assertThat(third.exit()).isZero();
            assertThat(third.out()).contains("re-sealed:       0", "already current: 5");
        }
        String prefix = "gh3." + new AesGcmSecretCipher(newKey, null).currentKeyId() + ".";
        assertThat(secrets()).hasSize(5).allMatch(value -> value.startsWith(prefix));

        // the old key removed and no migration setting: every installation still loads
        try (ApplicationContext after = gatehouse(Map.of("gatehouse.master-key", newKey))) {
            JdbcInstallations installations = after.getBean(JdbcInstallations.class);
            for (int i = 0; i < 5; i++) {
                assertThat(installations
                                .findById(added.get(i).id())
                                .orElseThrow()
                                .secret()
                                .matches(plain.get(i)))
                        .isTrue();
            }
            Run bad = run(after, "secrets", "reseal", "--batch-size", "0");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("--batch-size");
        }
    }
}
