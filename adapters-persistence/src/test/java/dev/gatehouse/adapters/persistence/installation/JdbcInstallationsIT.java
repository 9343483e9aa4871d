package dev.gatehouse.adapters.persistence.installation;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.InstallationsContract;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.Installations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The port contract, on real Postgres with the real migrations. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcInstallationsIT extends InstallationsContract implements TestPropertyProvider {

    @Inject
    JdbcInstallations installations;

    @Override
    protected Installations installations() {
        return installations;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }

    @Test
    void aBotTokenCopiedFromAnotherInstallationDoesNotOpenAndLeavesTheInstallationWithoutABot() throws SQLException {
        BotAccount botOfA = new BotAccount("bot-a", new BotToken("bot-token-of-a"), "id-a");
        Installation a = installations.add(InstallationFixtures.anActive().adoptBot(botOfA, T0));
        SlashCommand commandOfB = SlashCommand.withToken("team-b", "B", "cmd-b", "tokenofteamb");
        Installation b = installations.add(InstallationFixtures.anActive()
                .adoptBot(new BotAccount("bot-b", new BotToken("bot-token-of-b"), "id-b"), T0)
                .adoptSlashCommand(commandOfB, T0));

        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement copy = connection.prepareStatement(
                        "UPDATE installation_bot SET token ="
                                + " (SELECT token FROM installation_bot WHERE installation_id = ?) WHERE installation_id = ?")) {
            copy.setObject(1, a.id().value());
            copy.setObject(2, b.id().value());
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }

        Installation loaded = installations.findById(b.id()).orElseThrow();
        assertThat(loaded.bot()).isEmpty();
        assertThat(loaded.secret().matches(b.secret())).isTrue();
        assertThat(loaded.slashCommands()).containsExactly(commandOfB);
        assertThat(installations.findById(a.id()).orElseThrow().bot()).contains(botOfA);
    }

    @Test
    void deletingAnInstallationDeletesItsBotAndSlashCommands() throws SQLException {
        Installation added = installations.add(InstallationFixtures.anActive()
                .adoptBot(new BotAccount("bot", new BotToken("a-bot-token"), null), T0)
                .adoptSlashCommand(SlashCommand.withToken("team-a", "A", "cmd-a", "tokenofteama"), T0));

        assertThat(installations.delete(added.id())).isTrue();

        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement count = connection.prepareStatement("SELECT (SELECT count(*) FROM installation_bot"
                        + " WHERE installation_id = ?) + (SELECT count(*) FROM installation_slash_command"
                        + " WHERE installation_id = ?)")) {
            count.setObject(1, added.id().value());
            count.setObject(2, added.id().value());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }
}
