package dev.gatehouse.adapters.persistence.secrets;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.oauth2.JdbcOAuth2Store;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sealed values in Gatehouse's own database through a master-key rotation and the move to owner-bound sealing:
 * refused in the old format by default, re-sealed on first use during the migration window, and re-sealed in batches
 * by {@link JdbcSealedValues#resealAll} (what {@code gatehouse secrets reseal} runs), on real Postgres.
 */
class JdbcSealedValuesIT {

    private static final String NEW_KEY = newKey();

    private final TestDatabase database = TestDatabase.shared().freshDatabase();

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A replica on the same (already migrated) database, with these settings on top. */
    private ApplicationContext replica(Map<String, Object> settings) {
        Map<String, Object> p = database.properties();
        p.put("flyway.datasources.default.clean-schema", false);
        p.putAll(settings);
        return ApplicationContext.run(p);
    }

    private static VerifiedCall call(Installation installation, String userId) {
        return new VerifiedCall(
                installation,
                Ingress.SLASH_COMMAND,
                new CallContext(null, null, null, new ActingUser(userId, userId, ""), null));
    }

    /** Every sealed value in the database, as text. */
    private List<String> sealedValues() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT secret FROM installation UNION ALL"
                        + " SELECT previous_secret FROM installation WHERE previous_secret IS NOT NULL UNION ALL"
                        + " SELECT token FROM installation_bot UNION ALL SELECT client_secret FROM oauth2_client"
                        + " UNION ALL SELECT token FROM oauth2_user_token")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static long outdated(ApplicationContext context) {
        return context.getBean(JdbcSealedValues.class).countOutdated().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Test
    void anOldUnboundSecretIsRefusedByDefaultAndResealedOnFirstUseDuringTheWindow() throws SQLException {
        Secret secret = Secret.generate();
        Installation added;
        try (ApplicationContext first = ApplicationContext.run(database.properties())) {
            added = first.getBean(JdbcInstallations.class)
                    .add(InstallationFixtures.anActive("https://old-format.example.com", secret));
        }
        // as a Gatehouse before owner binding wrote it
        String gh1 = new AesGcmSecretCipher(TestDatabase.MASTER_KEY, null).sealUnbound(secret.value());
        execute(
                "UPDATE installation SET secret = ? WHERE id = ?",
                gh1,
                added.id().value());

        try (ApplicationContext strict = replica(Map.of())) {
            assertThatThrownBy(() -> strict.getBean(JdbcInstallations.class).findById(added.id()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("gh1")
                    .hasMessageContaining("GATEHOUSE_SECRETS_ACCEPT_UNBOUND")
                    .hasMessageNotContaining(secret.value())
                    .hasMessageNotContaining(gh1);
            assertThat(outdated(strict)).isEqualTo(1);
        }
        assertThat(sealedValues()).containsExactly(gh1); // refusing writes nothing

        try (ApplicationContext migrating = replica(Map.of("gatehouse.secrets.accept-unbound", true))) {
            Installation loaded = migrating
                    .getBean(JdbcInstallations.class)
                    .findById(added.id())
                    .orElseThrow();
            assertThat(loaded.secret().matches(secret)).isTrue();
            assertThat(loaded.version()).isEqualTo(added.version()); // the same value: no new version
            String resealed = sealedValues().get(0);
            assertThat(resealed).startsWith("gh3.").doesNotContain(secret.value());
            assertThat(outdated(migrating)).isZero();
        }
        // bound now: readable without the migration setting
        try (ApplicationContext strict = replica(Map.of())) {
            assertThat(strict.getBean(JdbcInstallations.class)
                            .findById(added.id())
                            .orElseThrow()
                            .secret()
                            .matches(secret))
                    .isTrue();
        }
    }

    @Test
    void aRotationIsFinishedByResealingEverythingAfterWhichTheOldKeyCanGo() throws SQLException {
        List<Installation> added = new ArrayList<>();
        Secret previous = Secret.generate();
        Secret current = Secret.generate();
        try (ApplicationContext oldKey = ApplicationContext.run(database.properties())) {
            JdbcInstallations installations = oldKey.getBean(JdbcInstallations.class);
            JdbcOAuth2Store oauth2 = oldKey.getBean(JdbcOAuth2Store.class);
            Installation withEverything =
                    installations.add(InstallationFixtures.anActive("https://everything.example.com", previous)
                            .adoptBot(new BotAccount("bot-user", new BotToken("bot-token-1"), "token-id"), T0));
            withEverything =
                    installations.update(withEverything.rotateSecret(current, T0.plusSeconds(1), Duration.ofHours(1)));
            added.add(withEverything);
            oauth2.saveClient(call(withEverything, "admin"), new OAuth2ClientCredentials("client", "client-secret-1"));
            for (String user : List.of("u1", "u2", "u3")) {
                oauth2.saveUserToken(call(withEverything, user), new OAuth2Token("access-" + user, "refresh", T0));
            }
            for (int i = 0; i < 4; i++) {
                added.add(installations.add(InstallationFixtures.anActive()));
            }
        }
        List<String> beforeRotation = sealedValues();
        assertThat(beforeRotation).hasSize(11); // 5 secrets, 1 previous, 1 bot, 1 client, 3 tokens

        Map<String, Object> rotated =
                Map.of("gatehouse.master-key", NEW_KEY, "gatehouse.previous-master-keys", TestDatabase.MASTER_KEY);
        try (ApplicationContext both = replica(rotated)) {
            JdbcSealedValues sealed = both.getBean(JdbcSealedValues.class);
            assertThat(outdated(both)).isEqualTo(11);
            // one value no key here opens: counted as failed, never stops the others
            String foreign = new AesGcmSecretCipher(newKey(), null)
                    .seal("x", SecretOwner.installationSecret(added.get(4).id()));
            execute(
                    "UPDATE installation SET secret = ? WHERE id = ?",
                    foreign,
                    added.get(4).id().value());

            List<String> progress = new ArrayList<>();
            JdbcSealedValues.Report first = sealed.resealAll(2, progress::add);
            assertThat(first).isEqualTo(new JdbcSealedValues.Report(10, 0, 1));
            assertThat(progress).hasSize(SealedColumn.values().length).allMatch(line -> line.contains("re-sealed"));
            assertThat(outdated(both)).isEqualTo(1);

            // resumable and idempotent: a second run finds only what the first could not do
            assertThat(sealed.resealAll(3, line -> {})).isEqualTo(new JdbcSealedValues.Report(0, 10, 1));
        }
        List<String> after = sealedValues();
        assertThat(after).noneMatch(beforeRotation::contains);

        // the old key removed: every value it sealed is readable under the new one alone
        try (ApplicationContext newKeyOnly = replica(Map.of("gatehouse.master-key", NEW_KEY))) {
            JdbcInstallations installations = newKeyOnly.getBean(JdbcInstallations.class);
            Installation everything = installations.findById(added.get(0).id()).orElseThrow();
            assertThat(everything.secret().matches(current)).isTrue();
            assertThat(everything.previousSecret().orElseThrow().secret().matches(previous))
                    .isTrue();
            assertThat(everything.bot().orElseThrow().token().value()).isEqualTo("bot-token-1");
            JdbcOAuth2Store oauth2 = newKeyOnly.getBean(JdbcOAuth2Store.class);
            assertThat(oauth2.loadClient(call(everything, "admin")))
                    .isEqualTo(Stored.of(new OAuth2ClientCredentials("client", "client-secret-1")));
            assertThat(oauth2.loadUserToken(call(everything, "u2"))
                            .present()
                            .orElseThrow()
                            .accessToken())
                    .isEqualTo("access-u2");
            for (Installation other : added.subList(1, 4)) {
                assertThat(installations.findById(other.id())).isPresent();
            }
        }
    }

    @Test
    void aValueWrittenSinceItWasReadIsNeverOverwritten() throws SQLException {
        Installation added;
        try (ApplicationContext oldKey = ApplicationContext.run(database.properties())) {
            added = oldKey.getBean(JdbcInstallations.class).add(InstallationFixtures.anActive());
        }
        String opened = sealedValues().get(0);
        try (ApplicationContext rotated = replica(
                Map.of("gatehouse.master-key", NEW_KEY, "gatehouse.previous-master-keys", TestDatabase.MASTER_KEY))) {
            // another replica rotates the secret between this one's read and its write
            String written = rotated.getBean(AesGcmSecretCipher.class)
                    .seal(Secret.generate().value(), SecretOwner.installationSecret(added.id()));
            execute(
                    "UPDATE installation SET secret = ? WHERE id = ?",
                    written,
                    added.id().value());

            SecretOwner owner = SecretOwner.installationSecret(added.id());
            assertThat(rotated.getBean(JdbcSealedValues.class)
                            .resealIfOutdated(SealedColumn.INSTALLATION_SECRET, owner, opened, "stale plaintext"))
                    .isFalse();
            assertThat(sealedValues()).containsExactly(written);
        }
    }

    @Test
    void aCopiedRowDoesNotOpenAsAnotherInstallationsOrUsers() throws SQLException {
        try (ApplicationContext context = ApplicationContext.run(database.properties())) {
            JdbcInstallations installations = context.getBean(JdbcInstallations.class);
            JdbcOAuth2Store oauth2 = context.getBean(JdbcOAuth2Store.class);
            Installation a = installations.add(InstallationFixtures.anActive());
            Installation b = installations.add(InstallationFixtures.anActive());
            oauth2.saveUserToken(call(a, "u1"), new OAuth2Token("access-of-a-u1", null, null));
            oauth2.saveUserToken(call(b, "u1"), new OAuth2Token("access-of-b-u1", null, null));
            // a leaked dump's row of A copied into B's: B's secret and B's user token
            execute(
                    "UPDATE installation SET secret = (SELECT secret FROM installation WHERE id = ?) WHERE id = ?",
                    a.id().value(),
                    b.id().value());
            execute(
                    "UPDATE oauth2_user_token SET token = (SELECT token FROM oauth2_user_token WHERE"
                            + " installation_id = ? AND user_id = 'u1') WHERE installation_id = ?",
                    a.id().value(),
                    b.id().value());
            assertThatThrownBy(() -> installations.findById(b.id())).isInstanceOf(IllegalStateException.class);
            assertThat(oauth2.loadUserToken(call(b, "u1"))).isInstanceOf(Stored.Unreadable.class);
            assertThat(oauth2.loadUserToken(call(a, "u1"))
                            .present()
                            .orElseThrow()
                            .accessToken())
                    .isEqualTo("access-of-a-u1");
        }
    }
}
