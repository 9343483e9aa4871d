package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.mattermost.MattermostApp;
import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.application.call.DescribeInstallation;
import dev.gatehouse.application.call.ListBindings;
import dev.gatehouse.application.call.RecordInstall;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.call.RecordUninstall;
import dev.gatehouse.application.call.SendGreeting;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.DeleteInstallation;
import dev.gatehouse.application.installation.FindInstallations;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.application.installation.SetSecret;
import dev.gatehouse.application.oauth2.CompleteOAuth2;
import dev.gatehouse.application.oauth2.ConfigureOAuth2Client;
import dev.gatehouse.application.oauth2.Disconnect;
import dev.gatehouse.application.oauth2.ShowConnectLink;
import dev.gatehouse.application.oauth2.ShowProfile;
import dev.gatehouse.application.oauth2.StartOAuth2;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.TokenRefreshLock;
import dev.gatehouse.domain.port.Transactions;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the use cases from the ports the adapters provide, so the core carries no framework annotation. */
@Factory
class UseCaseFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    RegisterInstallation registerInstallation(
            Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new RegisterInstallation(installations, auditLog, tx, clock);
    }

    @Singleton
    FindInstallations findInstallations(Installations installations) {
        return new FindInstallations(installations);
    }

    @Singleton
    ChangeInstallation changeInstallation(
            Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new ChangeInstallation(installations, auditLog, tx, clock);
    }

    @Singleton
    RotateSecret rotateSecret(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new RotateSecret(installations, auditLog, tx, clock);
    }

    @Singleton
    SetSecret setSecret(
            Installations installations,
            AuditLog auditLog,
            Transactions tx,
            Clock clock,
            @Value("${gatehouse.secrets.allow-weak:false}") boolean allowWeak) {
        return new SetSecret(installations, auditLog, tx, clock, allowWeak);
    }

    @Singleton
    DeleteInstallation deleteInstallation(
            Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new DeleteInstallation(installations, auditLog, tx, clock);
    }

    @Singleton
    ReadAuditLog readAuditLog(AuditLog auditLog) {
        return new ReadAuditLog(auditLog);
    }

    @Singleton
    AuthenticateCall authenticateCall(Installations installations, CallTokenVerifier verifier, Clock clock) {
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
    RecordInstall recordInstall(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new RecordInstall(installations, auditLog, tx, clock);
    }

    @Singleton
    RecordUninstall recordUninstall(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new RecordUninstall(installations, auditLog, tx, clock);
    }

    @Singleton
    RecordRejection recordRejection(AuditLog auditLog, Clock clock) {
        return new RecordRejection(auditLog, clock);
    }

    @Singleton
    ConfigureOAuth2Client configureOAuth2Client(
            OAuth2Provider provider, Mattermost mattermost, AuditLog auditLog, Clock clock, MattermostApp app) {
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
            OAuth2Provider provider, Mattermost mattermost, AuditLog auditLog, Clock clock, MattermostApp app) {
        return new CompleteOAuth2(provider, mattermost, auditLog, clock, app.appId());
    }

    @Singleton
    ShowProfile showProfile(
            OAuth2Provider provider,
            Mattermost mattermost,
            TokenRefreshLock lock,
            AuditLog auditLog,
            Clock clock,
            MattermostApp app) {
        return new ShowProfile(provider, mattermost, lock, auditLog, clock, app.appId());
    }

    @Singleton
    Disconnect disconnect(
            Mattermost mattermost, TokenRefreshLock lock, AuditLog auditLog, Clock clock, MattermostApp app) {
        return new Disconnect(mattermost, lock, auditLog, clock, app.appId());
    }
}
