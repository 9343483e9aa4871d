package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.application.call.DescribeInstallation;
import dev.gatehouse.application.call.ListBindings;
import dev.gatehouse.application.call.RecordInstall;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.call.RecordUninstall;
import dev.gatehouse.application.call.SendGreeting;
import dev.gatehouse.application.fakes.AesGcmTestCipher;
import dev.gatehouse.application.fakes.DirectTransactions;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.InMemoryTokenRefreshLock;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.application.oauth2.CompleteOAuth2;
import dev.gatehouse.application.oauth2.ConfigureOAuth2Client;
import dev.gatehouse.application.oauth2.Disconnect;
import dev.gatehouse.application.oauth2.ShowConnectLink;
import dev.gatehouse.application.oauth2.ShowProfile;
import dev.gatehouse.application.oauth2.StartOAuth2;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * What bootstrap's UseCaseFactory does in production, on the in-memory fakes: the call use cases with a clock the
 * tests move, the real token verifier, the real {@link HttpMattermost} and the real HTTP OAuth2 provider client. The
 * master-key cipher and the refresh lock live in the persistence adapter, so here they are a real AES-GCM test cipher
 * and a per-key in-JVM lock. Only in the {@code calls-test}
 * environment, so other test suites of this module can bring their own wiring.
 */
@Factory
@Requires(env = CallTestFactory.ENV)
class CallTestFactory {

    static final String ENV = "calls-test";
    /** The key id of the test master key: what Gatehouse seals shows it as {@code gh1.<kid>.…}. */
    static final String CIPHER_KEY_ID = "0a1b2c3d";

    @Singleton
    InMemoryInstallations installations() {
        return new InMemoryInstallations();
    }

    @Singleton
    InMemoryAuditLog auditLog() {
        return new InMemoryAuditLog();
    }

    @Singleton
    MutableClock clock() {
        return new MutableClock(InstallationFixtures.T0);
    }

    @Singleton
    AuthenticateCall authenticateCall(
            InMemoryInstallations installations, CallTokenVerifier verifier, MutableClock clock) {
        return new AuthenticateCall(installations, verifier, clock);
    }

    @Singleton
    ListBindings listBindings(MattermostApp app) {
        return new ListBindings(app.appId());
    }

    @Singleton
    SendGreeting sendGreeting(Mattermost mattermost) {
        return new SendGreeting(mattermost);
    }

    @Singleton
    DescribeInstallation describeInstallation(MattermostApp app) {
        return new DescribeInstallation(app.appId(), app.version());
    }

    @Singleton
    RecordInstall recordInstall(InMemoryInstallations installations, InMemoryAuditLog auditLog, MutableClock clock) {
        return new RecordInstall(installations, auditLog, new DirectTransactions(), clock);
    }

    @Singleton
    RecordUninstall recordUninstall(
            InMemoryInstallations installations, InMemoryAuditLog auditLog, MutableClock clock) {
        return new RecordUninstall(installations, auditLog, new DirectTransactions(), clock);
    }

    @Singleton
    RecordRejection recordRejection(InMemoryAuditLog auditLog, MutableClock clock) {
        return new RecordRejection(auditLog, clock);
    }

    @Singleton
    SecretCipher secretCipher() {
        return new AesGcmTestCipher(CIPHER_KEY_ID);
    }

    @Singleton
    InMemoryTokenRefreshLock tokenRefreshLock() {
        return new InMemoryTokenRefreshLock();
    }

    @Singleton
    ConfigureOAuth2Client configureOAuth2Client(
            OAuth2Provider provider,
            Mattermost mattermost,
            InMemoryAuditLog auditLog,
            MutableClock clock,
            MattermostApp app) {
        return new ConfigureOAuth2Client(provider, mattermost, auditLog, clock, app.appId());
    }

    @Singleton
    ShowConnectLink showConnectLink(OAuth2Provider provider, MattermostApp app) {
        return new ShowConnectLink(provider, app.appId());
    }

    @Singleton
    StartOAuth2 startOAuth2(OAuth2Provider provider, MattermostApp app) {
        return new StartOAuth2(provider, app.appId());
    }

    @Singleton
    CompleteOAuth2 completeOAuth2(
            OAuth2Provider provider,
            Mattermost mattermost,
            InMemoryAuditLog auditLog,
            MutableClock clock,
            MattermostApp app) {
        return new CompleteOAuth2(provider, mattermost, auditLog, clock, app.appId());
    }

    @Singleton
    ShowProfile showProfile(
            OAuth2Provider provider,
            Mattermost mattermost,
            InMemoryTokenRefreshLock lock,
            InMemoryAuditLog auditLog,
            MutableClock clock,
            MattermostApp app) {
        return new ShowProfile(provider, mattermost, lock, auditLog, clock, app.appId());
    }

    @Singleton
    Disconnect disconnect(
            Mattermost mattermost,
            InMemoryTokenRefreshLock lock,
            InMemoryAuditLog auditLog,
            MutableClock clock,
            MattermostApp app) {
        return new Disconnect(mattermost, lock, auditLog, clock, app.appId());
    }
}
