package dev.gatehouse.application.contract;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.OAuth2Store;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What Gatehouse's own {@link OAuth2Store} (the slash-command ingress's) must do: one client per installation, one
 * token per installation and Mattermost user, values back exactly as saved. Run by the in-memory fake and by the JDBC
 * adapter on Postgres.
 */
public abstract class OAuth2StoreContract {

    protected abstract OAuth2Store store();

    /** An installation the store may keep values for (the database needs its row); a new one each time. */
    protected abstract Installation anInstallation();

    @Test
    void nothingIsStoredForANewInstallation() {
        Installation installation = anInstallation();
        assertThat(store().loadClient(call(installation, "u1"))).isInstanceOf(Stored.Absent.class);
        assertThat(store().loadUserToken(call(installation, "u1"))).isInstanceOf(Stored.Absent.class);
    }

    @Test
    void storesAndLoadsTheClient() {
        Installation installation = anInstallation();
        OAuth2ClientCredentials client = new OAuth2ClientCredentials("client-1", "client-secret-1");
        store().saveClient(call(installation, "admin"), client);

        // the client belongs to the installation: any user's call reads it
        assertThat(store().loadClient(call(installation, "someone-else"))).isEqualTo(Stored.of(client));
    }

    @Test
    void configuringAgainReplacesTheClient() {
        Installation installation = anInstallation();
        store().saveClient(call(installation, "admin"), new OAuth2ClientCredentials("client-1", "secret-1"));
        OAuth2ClientCredentials second = new OAuth2ClientCredentials("client-2", "secret-2");
        store().saveClient(call(installation, "admin"), second);

        assertThat(store().loadClient(call(installation, "admin"))).isEqualTo(Stored.of(second));
    }

    @Test
    void eachInstallationHasItsOwnClient() {
        Installation a = anInstallation();
        Installation b = anInstallation();
        OAuth2ClientCredentials ofA = new OAuth2ClientCredentials("client-a", "secret-a");
        store().saveClient(call(a, "admin"), ofA);
        assertThat(store().loadClient(call(b, "admin"))).isInstanceOf(Stored.Absent.class);

        OAuth2ClientCredentials ofB = new OAuth2ClientCredentials("client-b", "secret-b");
        store().saveClient(call(b, "admin"), ofB);
        assertThat(store().loadClient(call(a, "admin"))).isEqualTo(Stored.of(ofA));
        assertThat(store().loadClient(call(b, "admin"))).isEqualTo(Stored.of(ofB));
    }

    @Test
    void storesAndLoadsAUsersTokenWithEveryField() {
        Installation installation = anInstallation();
        OAuth2Token token = new OAuth2Token("access-1", "refresh-1", T0.plusMillis(1_234_567));
        store().saveUserToken(call(installation, "u1"), token);

        Stored<OAuth2Token> loaded = store().loadUserToken(call(installation, "u1"));
        assertThat(loaded).isEqualTo(Stored.of(token));
        assertThat(loaded.present().orElseThrow().expiresAt()).isEqualTo(T0.plusMillis(1_234_567));
    }

    @Test
    void storesATokenWithoutRefreshTokenOrExpiry() {
        Installation installation = anInstallation();
        OAuth2Token token = new OAuth2Token("access-only", null, null);
        store().saveUserToken(call(installation, "u1"), token);

        OAuth2Token loaded =
                store().loadUserToken(call(installation, "u1")).present().orElseThrow();
        assertThat(loaded.accessToken()).isEqualTo("access-only");
        assertThat(loaded.refresh()).isEmpty();
        assertThat(loaded.expiresAt()).isNull();
    }

    @Test
    void aRenewalReplacesTheToken() {
        Installation installation = anInstallation();
        store().saveUserToken(call(installation, "u1"), new OAuth2Token("old", "old-refresh", T0));
        OAuth2Token renewed = new OAuth2Token("new", "new-refresh", T0.plus(Duration.ofHours(1)));
        store().saveUserToken(call(installation, "u1"), renewed);

        assertThat(store().loadUserToken(call(installation, "u1"))).isEqualTo(Stored.of(renewed));
    }

    @Test
    void eachUserHasTheirOwnToken() {
        Installation installation = anInstallation();
        OAuth2Token ofU1 = new OAuth2Token("access-u1", "refresh-u1", T0);
        store().saveUserToken(call(installation, "u1"), ofU1);
        assertThat(store().loadUserToken(call(installation, "u2"))).isInstanceOf(Stored.Absent.class);

        OAuth2Token ofU2 = new OAuth2Token("access-u2", null, null);
        store().saveUserToken(call(installation, "u2"), ofU2);
        assertThat(store().loadUserToken(call(installation, "u1"))).isEqualTo(Stored.of(ofU1));
        assertThat(store().loadUserToken(call(installation, "u2"))).isEqualTo(Stored.of(ofU2));
    }

    @Test
    void theSameUserIdOnAnotherInstallationIsSomeoneElse() {
        Installation a = anInstallation();
        Installation b = anInstallation();
        OAuth2Token onA = new OAuth2Token("access-on-a", "refresh-on-a", T0);
        store().saveUserToken(call(a, "u1"), onA);
        assertThat(store().loadUserToken(call(b, "u1"))).isInstanceOf(Stored.Absent.class);

        store().clearUserToken(call(b, "u1"));
        assertThat(store().loadUserToken(call(a, "u1"))).isEqualTo(Stored.of(onA));
    }

    @Test
    void clearingForgetsOnlyThatUsersTokenAndKeepsTheClient() {
        Installation installation = anInstallation();
        OAuth2ClientCredentials client = new OAuth2ClientCredentials("client-1", "secret-1");
        store().saveClient(call(installation, "admin"), client);
        store().saveUserToken(call(installation, "u1"), new OAuth2Token("access-u1", "refresh-u1", T0));
        OAuth2Token ofU2 = new OAuth2Token("access-u2", "refresh-u2", T0);
        store().saveUserToken(call(installation, "u2"), ofU2);

        store().clearUserToken(call(installation, "u1"));

        assertThat(store().loadUserToken(call(installation, "u1"))).isInstanceOf(Stored.Absent.class);
        assertThat(store().loadUserToken(call(installation, "u2"))).isEqualTo(Stored.of(ofU2));
        assertThat(store().loadClient(call(installation, "u1"))).isEqualTo(Stored.of(client));
    }

    @Test
    void clearingWhenNothingIsStoredIsFine() {
        Installation installation = anInstallation();
        store().clearUserToken(call(installation, "never-connected"));
        assertThat(store().loadUserToken(call(installation, "never-connected"))).isInstanceOf(Stored.Absent.class);
    }

    @Test
    void aUsersTokenNeedsTheActingUser() {
        VerifiedCall anonymous = new VerifiedCall(anInstallation(), Ingress.SLASH_COMMAND, CallContext.bare());
        assertThatThrownBy(() -> store().loadUserToken(anonymous)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().saveUserToken(anonymous, new OAuth2Token("access", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().clearUserToken(anonymous)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A slash-command call of {@code userId} on {@code installation}. */
    protected static VerifiedCall call(Installation installation, String userId) {
        return new VerifiedCall(
                installation,
                Ingress.SLASH_COMMAND,
                new CallContext(null, null, null, new ActingUser(userId, "user-" + userId, ""), null));
    }
}
