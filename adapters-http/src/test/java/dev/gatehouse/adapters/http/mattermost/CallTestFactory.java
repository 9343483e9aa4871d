package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.application.call.DescribeInstallation;
import dev.gatehouse.application.call.ListBindings;
import dev.gatehouse.application.call.RecordInstall;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.call.RecordUninstall;
import dev.gatehouse.application.call.SendGreeting;
import dev.gatehouse.application.fakes.DirectTransactions;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Mattermost;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * What bootstrap's UseCaseFactory does in production, on the in-memory fakes: the call use cases with a clock the
 * tests move, the real token verifier and the real {@link HttpMattermost}. Only in the {@code calls-test}
 * environment, so other test suites of this module can bring their own wiring.
 */
@Factory
@Requires(env = CallTestFactory.ENV)
class CallTestFactory {

    static final String ENV = "calls-test";

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
    AuthenticateCall authenticateCall(InMemoryInstallations installations, CallTokenVerifier verifier, MutableClock clock) {
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
    RecordUninstall recordUninstall(InMemoryInstallations installations, InMemoryAuditLog auditLog, MutableClock clock) {
        return new RecordUninstall(installations, auditLog, new DirectTransactions(), clock);
    }

    @Singleton
    RecordRejection recordRejection(InMemoryAuditLog auditLog, MutableClock clock) {
        return new RecordRejection(auditLog, clock);
    }
}
