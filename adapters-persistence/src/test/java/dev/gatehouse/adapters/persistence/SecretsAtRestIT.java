package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.oauth2.JdbcOAuth2Store;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Reads every column of every table as text and looks for the plain secrets: only sealed values may be there. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsAtRestIT implements TestPropertyProvider {

    /** Every stored value is bound to its owner (installation, user, kind of value). */
    private static final String SEALED_FOR_ITS_OWNER = "gh3\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]+";

    @Inject
    JdbcInstallations installations;

    @Inject
    JdbcOAuth2Store oauth2;

    private final TestDatabase database = TestDatabase.shared().freshDatabase();

    @Override
    public Map<String, String> getProperties() {
        return database.stringProperties();
    }

    @Test
    void noPlainSecretIsStoredAnywhere() throws SQLException {
        Secret previous = Secret.generate();
        Secret current = Secret.generate();
        String botToken = "botplaintoken" + System.nanoTime();
        String commandTokenA = "commandtokenofteama" + System.nanoTime();
        String commandTokenB = "commandtokenofteamb" + System.nanoTime();
        Installation added = installations.add(InstallationFixtures.anActive("https://at-rest.example.com", previous)
                .adoptBot(new BotAccount("bot-user", new BotToken(botToken), "bot-token-id"), T0)
                .adoptSlashCommand(SlashCommand.withToken("team-a", "A", "command-a", commandTokenA), T0));
        installations.update(added.rotateSecret(current, T0.plusSeconds(1), Duration.ofHours(1))
                .adoptSlashCommand(SlashCommand.withToken("team-b", "B", "command-b", commandTokenB), T0));

        String clientSecret = "clientplainsecret" + System.nanoTime();
        OAuth2Token u1 = new OAuth2Token("accessofu1-" + System.nanoTime(), "refreshofu1-" + System.nanoTime(), T0);
        OAuth2Token u2 = new OAuth2Token("accessofu2-" + System.nanoTime(), "refreshofu2-" + System.nanoTime(), null);
        oauth2.saveClient(call(added, "admin"), new OAuth2ClientCredentials("client-id", clientSecret));
        oauth2.saveUserToken(call(added, "u1"), u1);
        oauth2.saveUserToken(call(added, "u2"), u2);

        List<String> plaintexts = List.of(
                current.value(),
                previous.value(),
                botToken,
                commandTokenA,
                commandTokenB,
                clientSecret,
                u1.accessToken(),
                u1.refreshToken(),
                u2.accessToken(),
                u2.refreshToken());
        List<String> everything = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables)
                    .contains(
                            "installation",
                            "audit_event",
                            "installation_bot",
                            "installation_slash_command",
                            "oauth2_client",
                            "oauth2_user_token",
                            "used_state_nonce");
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT CAST(t AS text) FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        everything.add(rs.getString(1));
                    }
                }
            }
            assertThat(everything)
                    .isNotEmpty()
                    .noneMatch(row -> plaintexts.stream().anyMatch(row::contains));

            assertThat(column(
                            statement,
                            "SELECT secret FROM installation UNION ALL" + " SELECT previous_secret FROM installation"))
                    .hasSize(2)
                    .allMatch(value -> value.matches(SEALED_FOR_ITS_OWNER));
            assertThat(column(
                            statement,
                            "SELECT token FROM installation_bot UNION ALL"
                                    + " SELECT client_secret FROM oauth2_client UNION ALL"
                                    + " SELECT token FROM oauth2_user_token"))
                    .hasSize(4)
                    .allMatch(value -> value.matches(SEALED_FOR_ITS_OWNER));
            assertThat(column(statement, "SELECT token_sha256 FROM installation_slash_command ORDER BY team_id"))
                    .containsExactly(sha256(commandTokenA), sha256(commandTokenB));
        }

        Installation loaded = installations.findById(added.id()).orElseThrow();
        assertThat(loaded.secret().matches(current)).isTrue();
        assertThat(loaded.previousSecret().orElseThrow().secret().matches(previous))
                .isTrue();
        assertThat(loaded.bot().orElseThrow().token().value()).isEqualTo(botToken);
        assertThat(loaded.slashCommandFor(commandTokenB))
                .map(SlashCommand::teamId)
                .contains("team-b");
        assertThat(oauth2.loadClient(call(added, "admin")))
                .isEqualTo(Stored.of(new OAuth2ClientCredentials("client-id", clientSecret)));
        assertThat(oauth2.loadUserToken(call(added, "u1"))).isEqualTo(Stored.of(u1));
        assertThat(oauth2.loadUserToken(call(added, "u2"))).isEqualTo(Stored.of(u2));
    }

    private static List<String> column(Statement statement, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VerifiedCall call(Installation installation, String userId) {
        return new VerifiedCall(
                installation,
                Ingress.SLASH_COMMAND,
                new CallContext(null, null, null, new ActingUser(userId, userId, ""), null));
    }
}
