package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.audit.JdbcAuditLog;
import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.TransactionsContract;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.port.Transactions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The port contract on real Postgres, and what only the database can promise: a use case's installation change and its
 * audit event commit together or not at all.
 */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTransactionsIT extends TransactionsContract implements TestPropertyProvider {

    @Inject
    Transactions transactions;

    @Inject
    JdbcInstallations installations;

    @Inject
    JdbcAuditLog auditLog;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void theInjectedTransactionsAreTheJdbcOnes() {
        assertThat(transactions).isInstanceOf(JdbcTransactions.class);
    }

    @Test
    void changeAndAuditEventCommitTogether() {
        Installation installation = InstallationFixtures.anActive();
        transactions.inTransaction(() -> {
            installations.add(installation);
            auditLog.append(event(installation, "both"));
            return null;
        });
        assertThat(installations.findById(installation.id())).isPresent();
        assertThat(auditFor(installation)).extracting(AuditEvent::detail).containsExactly("both");
    }

    @Test
    void aFailureAfterBothWritesRollsBothBack() {
        Installation installation = InstallationFixtures.anActive();
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
                    installations.add(installation);
                    auditLog.append(event(installation, "neither"));
                    throw new IllegalStateException("fails after both writes");
                }))
                .hasMessage("fails after both writes");
        assertThat(installations.findById(installation.id())).isEmpty();
        assertThat(auditFor(installation)).isEmpty();
    }

    @Test
    void ofTwoConcurrentUpdatesOfOneVersionExactlyOneWinsAndTheOtherChangesNothing() throws Exception {
        Installation added = installations.add(InstallationFixtures.anActive());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (String name : List.of("Alpha", "Beta")) {
            results.add(threads.submit(() -> {
                start.await();
                try {
                    return transactions.inTransaction(() -> {
                        installations.update(added.rename(name, T0.plusSeconds(1)));
                        auditLog.append(event(added, "renamed to " + name));
                        return name;
                    });
                } catch (ConcurrentChangeException e) {
                    return "conflict";
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : results) {
            outcomes.add(result.get(20, TimeUnit.SECONDS));
        }

        assertThat(outcomes).containsOnlyOnce("conflict").hasSize(2);
        String winner =
                outcomes.stream().filter(o -> !o.equals("conflict")).findFirst().orElseThrow();
        Installation stored = installations.findById(added.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo(winner);
        assertThat(stored.version()).isEqualTo(added.version() + 1);
        assertThat(auditFor(added)).extracting(AuditEvent::detail).containsExactly("renamed to " + winner);
    }

    private static AuditEvent event(Installation installation, String detail) {
        return new AuditEvent(T0, "test", installation.id(), "installation.change", AuditOutcome.SUCCEEDED, detail);
    }

    private List<AuditEvent> auditFor(Installation installation) {
        return auditLog.find(new AuditQuery(installation.id(), null, 10));
    }
}
