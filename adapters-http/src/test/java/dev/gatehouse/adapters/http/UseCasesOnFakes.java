package dev.gatehouse.adapters.http;

import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.application.fakes.DirectTransactions;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.DeleteInstallation;
import dev.gatehouse.application.installation.FindInstallations;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.application.installation.SetSecret;
import dev.gatehouse.domain.installation.InstallationFixtures;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The admin use cases on the application's in-memory fakes, as bootstrap's UseCaseFactory builds them on Postgres. */
@Factory
@Requires(env = UseCasesOnFakes.ENVIRONMENT)
public class UseCasesOnFakes {

    /** Test classes that want these beans run in this environment. */
    public static final String ENVIRONMENT = "admin-api-test";

    private final TroubledInstallations installations = new TroubledInstallations();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final DirectTransactions transactions = new DirectTransactions();
    private final MutableClock clock = new MutableClock(InstallationFixtures.T0);

    @Singleton
    TroubledInstallations installations() {
        return installations;
    }

    @Singleton
    InMemoryAuditLog auditLog() {
        return auditLog;
    }

    @Singleton
    MutableClock clock() {
        return clock;
    }

    @Singleton
    RegisterInstallation registerInstallation() {
        return new RegisterInstallation(installations, auditLog, transactions, clock);
    }

    @Singleton
    FindInstallations findInstallations() {
        return new FindInstallations(installations);
    }

    @Singleton
    ChangeInstallation changeInstallation() {
        return new ChangeInstallation(installations, auditLog, transactions, clock);
    }

    @Singleton
    RotateSecret rotateSecret() {
        return new RotateSecret(installations, auditLog, transactions, clock);
    }

    @Singleton
    SetSecret setSecret(@Value("${gatehouse.secrets.allow-weak:false}") boolean allowWeak) {
        return new SetSecret(installations, auditLog, transactions, clock, allowWeak);
    }

    @Singleton
    DeleteInstallation deleteInstallation() {
        return new DeleteInstallation(installations, auditLog, transactions, clock);
    }

    @Singleton
    ReadAuditLog readAuditLog() {
        return new ReadAuditLog(auditLog);
    }
}
