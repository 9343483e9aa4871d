package dev.gatehouse.bootstrap;

import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.DeleteInstallation;
import dev.gatehouse.application.installation.FindInstallations;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.application.installation.SetSecret;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
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
    RegisterInstallation registerInstallation(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new RegisterInstallation(installations, auditLog, tx, clock);
    }

    @Singleton
    FindInstallations findInstallations(Installations installations) {
        return new FindInstallations(installations);
    }

    @Singleton
    ChangeInstallation changeInstallation(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new ChangeInstallation(installations, auditLog, tx, clock);
    }

    @Singleton
    RotateSecret rotateSecret(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new RotateSecret(installations, auditLog, tx, clock);
    }

    @Singleton
    SetSecret setSecret(Installations installations, AuditLog auditLog, Transactions tx, Clock clock,
                        @Value("${gatehouse.secrets.allow-weak:false}") boolean allowWeak) {
        return new SetSecret(installations, auditLog, tx, clock, allowWeak);
    }

    @Singleton
    DeleteInstallation deleteInstallation(Installations installations, AuditLog auditLog, Transactions tx, Clock clock) {
        return new DeleteInstallation(installations, auditLog, tx, clock);
    }

    @Singleton
    ReadAuditLog readAuditLog(AuditLog auditLog) {
        return new ReadAuditLog(auditLog);
    }
}
