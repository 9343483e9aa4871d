package dev.gatehouse.application.oauth2;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.InMemoryTokenRefreshLock;
import dev.gatehouse.application.fakes.RecordingMattermost;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResealOutdatedOAuth2Test {

    private static final OAuth2ClientCredentials CLIENT = new OAuth2ClientCredentials("client-1", "client-secret-1");
    private static final OAuth2Token TOKEN = new OAuth2Token("access-1", "refresh-1", T0.plusSeconds(3600));
    private static final ActingUser ADMIN = new ActingUser("a1", "root", "system_user system_admin");
    private static final ActingUser USER = new ActingUser("u1", "alice", "system_user");

    private final RecordingMattermost mattermost =
            new RecordingMattermost().adminSession("admin-session", ADMIN.id()).userSession("user-session", USER.id());
    private final InMemoryTokenRefreshLock lock = new InMemoryTokenRefreshLock();
    private final Installation installation = new InMemoryInstallations().add(InstallationFixtures.anActive());
    private final ResealOutdatedOAuth2 reseal = new ResealOutdatedOAuth2(mattermost, lock);
    private final AtomicInteger handled = new AtomicInteger();

    private VerifiedCall call(Ingress ingress, ActingUser user, String session, OAuth2Context oauth2) {
        return new VerifiedCall(
                installation,
                ingress,
                new CallContext(installation.siteUrl().value(), "bot1", "bot-token", user, session, oauth2, Map.of()));
    }

    private static OAuth2Context context(Stored<OAuth2ClientCredentials> client, Stored<OAuth2Token> user) {
        return new OAuth2Context(client, "https://connect", "https://complete", user);
    }

    private CallOutcome run(VerifiedCall call) {
        return reseal.before(c -> {
                    handled.incrementAndGet();
                    return new CallOutcome.Ok("handled");
                })
                .handle(call);
    }

    @Test
    void anOutdatedClientIsStoredAgainForItsInstallationOnASystemAdminsCallOnly() {
        OAuth2Context outdatedClient = context(Stored.outdated(CLIENT), Stored.absent());
        run(call(Ingress.APPS, USER, "user-session", outdatedClient));
        assertThat(mattermost.apps()).isEmpty(); // the plugin stores the client for admins only: wait for one

        assertThat(run(call(Ingress.APPS, ADMIN, "admin-session", outdatedClient)))
                .isEqualTo(new CallOutcome.Ok("handled"));
        assertThat(mattermost.apps()).singleElement().satisfies(app -> {
            assertThat(app.client()).isEqualTo(CLIENT);
            assertThat(app.owner()).isEqualTo(SecretOwner.clientSecret(installation.id()));
        });
        assertThat(handled).hasValue(2);
    }

    @Test
    void anOutdatedUserTokenIsStoredAgainForItsUserHoldingTheRefreshLock() {
        mattermost.putOutdatedUser("user-session", TOKEN);
        run(call(Ingress.APPS, USER, "user-session", context(Stored.of(CLIENT), Stored.outdated(TOKEN))));
        assertThat(mattermost.userWrites()).isEqualTo(1);
        assertThat(mattermost.user("user-session")).contains(TOKEN);
        assertThat(mattermost.storedFor("user-session")).contains(SecretOwner.userToken(installation.id(), USER.id()));
        assertThat(lock.timesTaken(installation.id(), USER.id())).isEqualTo(1);
        assertThat(mattermost.apps()).isEmpty(); // the client was current
    }

    @Test
    void aTokenRenewedSinceTheCallWasMadeIsNotOverwritten() {
        OAuth2Token renewed = new OAuth2Token("access-2", "refresh-2", T0.plusSeconds(7200));
        mattermost.putUser("user-session", renewed); // another replica's renewal, current
        run(call(Ingress.APPS, USER, "user-session", context(Stored.of(CLIENT), Stored.outdated(TOKEN))));
        assertThat(mattermost.userWrites()).isZero();
        assertThat(mattermost.user("user-session")).contains(renewed);
    }

    @Test
    void currentValuesTheSlashCommandIngressAndFailuresLeaveTheCallAlone() {
        run(call(Ingress.APPS, ADMIN, "admin-session", context(Stored.of(CLIENT), Stored.of(TOKEN))));
        run(call(Ingress.SLASH_COMMAND, ADMIN, "admin-session", context(Stored.outdated(CLIENT), Stored.absent())));
        assertThat(mattermost.apps()).isEmpty();
        assertThat(mattermost.userWrites()).isZero();

        mattermost.failWith("Mattermost could not be reached");
        assertThat(run(call(Ingress.APPS, ADMIN, "admin-session", context(Stored.outdated(CLIENT), Stored.absent()))))
                .isEqualTo(new CallOutcome.Ok("handled"));
        assertThat(handled).hasValue(3);
    }
}
