package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gatehouse.adapters.persistence.audit.JdbcAuditLog;
import dev.gatehouse.adapters.persistence.health.DatabaseReadiness;
import dev.gatehouse.adapters.persistence.installation.JdbcInstallations;
import dev.gatehouse.adapters.persistence.oauth2.JdbcOAuth2Store;
import dev.gatehouse.adapters.persistence.oauth2.JdbcStateNonces;
import dev.gatehouse.adapters.persistence.testing.Eventually;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/** The database goes away behind a proxy: calls fail fast with StorageUnavailableException, then recover unaided. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageOutageIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private TcpProxy proxy;
    private ApplicationContext context;

    @BeforeAll
    void start() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        proxy = TcpProxy.start(database.host(), database.port());
        context =
                ApplicationContext.run(database.via(proxy.host(), proxy.port()).properties());
    }

    @AfterAll
    void stop() {
        context.close();
        proxy.close();
    }

    @Test
    void readsFailWithStorageUnavailableWhileCutAndWorkAgainAfterRestore() throws Exception {
        JdbcInstallations installations = context.getBean(JdbcInstallations.class);
        JdbcAuditLog auditLog = context.getBean(JdbcAuditLog.class);
        Installation added = installations.add(InstallationFixtures.anActive());

        proxy.cut();
        try {
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(() -> installations.findById(added.id()))
                            .isInstanceOf(StorageUnavailableException.class)
                            .hasMessageNotContaining(added.secret().value()));
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(() -> auditLog.find(new AuditQuery(null, null, 1)))
                            .isInstanceOf(StorageUnavailableException.class));
            VerifiedCall call = new VerifiedCall(
                    added,
                    Ingress.SLASH_COMMAND,
                    new CallContext(null, null, null, new ActingUser("u1", "u1", ""), null));
            JdbcOAuth2Store oauth2 = context.getBean(JdbcOAuth2Store.class);
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(() -> oauth2.loadUserToken(call))
                            .isInstanceOf(StorageUnavailableException.class));
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(() -> oauth2.saveClient(
                                    call, new OAuth2ClientCredentials("client", "secret-during-outage")))
                            .isInstanceOf(StorageUnavailableException.class)
                            .hasMessageNotContaining("secret-during-outage"));
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(() -> context.getBean(JdbcStateNonces.class)
                                    .consume(
                                            "nonce-during-outage", Instant.now().plusSeconds(600)))
                            .isInstanceOf(StorageUnavailableException.class));
            assertTimeoutPreemptively(
                    BOUND, () -> assertThat(readiness().getStatus()).isEqualTo(HealthStatus.DOWN));
        } finally {
            proxy.restore();
        }

        // the pool reconnects on its own (it may first wait out a connection attempt begun during the cut)
        Eventually.within(BOUND, "reads work again through the same context", () -> {
            try {
                return installations
                        .findById(added.id())
                        .filter(i -> i.name().equals(added.name()))
                        .isPresent();
            } catch (StorageUnavailableException e) {
                return false;
            }
        });
        HealthResult ready = readiness();
        assertThat(ready.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(((Map<?, ?>) ready.getDetails()).get("schemaVersion")).isEqualTo(latestMigration());
    }

    /** The highest {@code V<n>__} migration this module ships, so the check follows new migrations. */
    private static String latestMigration() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                StorageOutageIT.class.getResource("/db/migration").toURI()))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow());
        }
    }

    private HealthResult readiness() {
        return Mono.from(context.getBean(DatabaseReadiness.class).getResult()).block(BOUND);
    }
}
