package dev.gatehouse.adapters.persistence.oauth2;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
import dev.gatehouse.application.contract.OAuth2StoreContract;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The port contract on real Postgres, and what only the database adapter can get wrong: sealed values bound to their
 * row (a copy elsewhere does not open), altered or foreign values, and the installation's deletion.
 */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcOAuth2StoreIT extends OAuth2StoreContract implements TestPropertyProvider {

    private static final String OTHER_MASTER_KEY = "b3RoZXItdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE=";

    @Inject
    JdbcOAuth2Store store;

    @Inject
    JdbcInstallations installations;

    @Inject
    SecretCipher cipher;

    @Override
    protected OAuth2Store store() {
        return store;
    }

    @Override
    protected Installation anInstallation() {
        return installations.add(InstallationFixtures.anActive());
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }

    @Test
    void aClientSecretCopiedToAnotherInstallationsRowDoesNotOpen() throws SQLException {
        Installation a = anInstallation();
        Installation b = anInstallation();
        OAuth2ClientCredentials ofA = new OAuth2ClientCredentials("client-a", "secret-of-a");
        store.saveClient(call(a, "admin"), ofA);
        store.saveClient(call(b, "admin"), new OAuth2ClientCredentials("client-b", "secret-of-b"));

        execute(
                "UPDATE oauth2_client SET client_secret = (SELECT client_secret FROM oauth2_client"
                        + " WHERE installation_id = ?) WHERE installation_id = ?",
                a.id().value(),
                b.id().value());

        assertUnreadable(store.loadClient(call(b, "admin")), "secret-of-a");
        assertThat(store.loadClient(call(a, "admin"))).isEqualTo(Stored.of(ofA));
    }

    @Test
    void aTokenCopiedToAnotherUsersRowOrAnotherInstallationDoesNotOpen() throws SQLException {
        Installation a = anInstallation();
        Installation b = anInstallation();
        OAuth2Token ofU1 = new OAuth2Token("access-of-u1", "refresh-of-u1", T0);
        store.saveUserToken(call(a, "u1"), ofU1);
        store.saveUserToken(call(a, "u2"), new OAuth2Token("access-of-u2", "refresh-of-u2", T0));
        store.saveUserToken(call(b, "u1"), new OAuth2Token("access-of-u1-on-b", null, null));

        String sealedOfU1 = sealedToken(a, "u1");
        execute(
                "UPDATE oauth2_user_token SET token = ? WHERE (installation_id = ? AND user_id = 'u2')"
                        + " OR (installation_id = ? AND user_id = 'u1')",
                sealedOfU1,
                a.id().value(),
                b.id().value());

        assertUnreadable(store.loadUserToken(call(a, "u2")), "access-of-u1");
        assertUnreadable(store.loadUserToken(call(b, "u1")), "access-of-u1");
        assertThat(store.loadUserToken(call(a, "u1"))).isEqualTo(Stored.of(ofU1));
    }

    @Test
    void aClientSecretCopiedIntoATokenRowDoesNotOpen() throws SQLException {
        Installation installation = anInstallation();
        store.saveClient(call(installation, "admin"), new OAuth2ClientCredentials("client", "the-client-secret"));
        store.saveUserToken(call(installation, "u1"), new OAuth2Token("access", null, null));

        execute(
                "UPDATE oauth2_user_token SET token = (SELECT client_secret FROM oauth2_client"
                        + " WHERE installation_id = ?) WHERE installation_id = ?",
                installation.id().value(),
                installation.id().value());

        assertUnreadable(store.loadUserToken(call(installation, "u1")), "the-client-secret");
    }

    @Test
    void anAlteredTokenDoesNotOpen() throws SQLException {
        Installation installation = anInstallation();
        store.saveUserToken(call(installation, "u1"), new OAuth2Token("access-to-alter", null, null));
        String sealed = sealedToken(installation, "u1");
        int last = sealed.length() - 2; // inside the tag, whatever the base64 padding bits
        String altered =
                sealed.substring(0, last) + (sealed.charAt(last) == 'A' ? 'B' : 'A') + sealed.substring(last + 1);
        execute(
                "UPDATE oauth2_user_token SET token = ? WHERE installation_id = ?",
                altered,
                installation.id().value());

        assertUnreadable(store.loadUserToken(call(installation, "u1")), "access-to-alter");
    }

    @Test
    void aValueSealedWithAnotherMasterKeyDoesNotOpenAndSaysWhichKeyIsMissing() throws SQLException {
        Installation installation = anInstallation();
        store.saveClient(call(installation, "admin"), new OAuth2ClientCredentials("client", "secret"));
        SecretCipher otherKey = new AesGcmSecretCipher(OTHER_MASTER_KEY, List.of());
        execute(
                "UPDATE oauth2_client SET client_secret = ? WHERE installation_id = ?",
                otherKey.seal("secret-under-another-key", SecretOwner.clientSecret(installation.id())),
                installation.id().value());

        Stored<OAuth2ClientCredentials> loaded = store.loadClient(call(installation, "admin"));
        assertUnreadable(loaded, "secret-under-another-key");
        assertThat(((Stored.Unreadable<OAuth2ClientCredentials>) loaded).reason())
                .contains(otherKey.currentKeyId())
                .contains("GATEHOUSE_PREVIOUS_MASTER_KEYS");
    }

    @Test
    void aSealedValueThatIsNotATokenIsUnreadable() throws SQLException {
        Installation installation = anInstallation();
        store.saveUserToken(call(installation, "u1"), new OAuth2Token("access", null, null));
        execute(
                "UPDATE oauth2_user_token SET token = ? WHERE installation_id = ?",
                cipher.seal("{\"note\":\"sealed-but-no-token\"}", SecretOwner.userToken(installation.id(), "u1")),
                installation.id().value());

        Stored<OAuth2Token> loaded = store.loadUserToken(call(installation, "u1"));
        assertUnreadable(loaded, "sealed-but-no-token");
        assertThat(((Stored.Unreadable<OAuth2Token>) loaded).reason()).isEqualTo("its sealed content is not a token");
    }

    @Test
    void deletingTheInstallationDeletesItsClientAndTokens() throws SQLException {
        Installation installation = anInstallation();
        store.saveClient(call(installation, "admin"), new OAuth2ClientCredentials("client", "secret"));
        store.saveUserToken(call(installation, "u1"), new OAuth2Token("access", "refresh", T0));

        assertThat(installations.delete(installation.id())).isTrue();

        assertThat(count("oauth2_client", installation)).isZero();
        assertThat(count("oauth2_user_token", installation)).isZero();
    }

    @Test
    void nothingIsKeptForAnInstallationDeletedSinceTheCallWasVerified() throws SQLException {
        Installation installation = anInstallation();
        assertThat(installations.delete(installation.id())).isTrue();

        store.saveClient(call(installation, "admin"), new OAuth2ClientCredentials("client", "secret"));
        store.saveUserToken(call(installation, "u1"), new OAuth2Token("access", "refresh", T0));

        assertThat(count("oauth2_client", installation)).isZero();
        assertThat(count("oauth2_user_token", installation)).isZero();
        assertThat(store.loadClient(call(installation, "admin"))).isInstanceOf(Stored.Absent.class);
    }

    private static <T> void assertUnreadable(Stored<T> stored, String secret) {
        assertThat(stored).isInstanceOf(Stored.Unreadable.class);
        assertThat(((Stored.Unreadable<T>) stored).reason()).doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(secret);
    }

    private static String sealedToken(Installation installation, String userId) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT token FROM oauth2_user_token WHERE installation_id = ? AND user_id = ?")) {
            select.setObject(1, installation.id().value());
            select.setString(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static long count(String table, Installation installation) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE installation_id = ?")) {
            select.setObject(1, installation.id().value());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).as("rows changed by the test").isPositive();
        }
    }
}
