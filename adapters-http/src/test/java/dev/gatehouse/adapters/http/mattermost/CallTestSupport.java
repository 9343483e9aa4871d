package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gatehouse.adapters.http.TroubledInstallations;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Shared wiring of the call tests: each subclass boots one Micronaut context in the calls-test environment. */
abstract class CallTestSupport {

    static final String PUBLIC_URL = "https://gatehouse.example.com";

    @Inject
    EmbeddedServer server;

    @Inject
    TroubledInstallations installations;

    @Inject
    InMemoryAuditLog auditLog;

    @Inject
    MutableClock clock;

    Installation register(String siteUrl, Secret secret) {
        return installations.add(Installation.create(
                InstallationId.random(), "Server at " + siteUrl, SiteUrl.of(siteUrl), null, secret, clock.instant()));
    }

    URI url(Installation installation, String path) {
        return url(installation.id().toString(), path);
    }

    URI url(String installationSegment, String path) {
        return server.getURI().resolve("/i/" + installationSegment + path);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The audit event of a refused call is written off the request thread: wait for it (bounded). */
    AuditEvent awaitAudit(String detailFragment) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<AuditEvent> found = auditLog.all().stream()
                    .filter(e -> e.detail().contains(detailFragment))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no audit event with detail containing '" + detailFragment + "' in " + auditLog.all());
        return null;
    }

    /**
     * Refusals without a valid credential are counted, and the counts written every few milliseconds in tests: wait
     * until those of this reason (and installation, unless null) add up to at least {@code atLeast} (bounded).
     */
    long awaitRefusalCount(InstallationId installationId, RejectionReason reason, long atLeast) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long counted = 0;
        while (System.nanoTime() < deadline) {
            counted = auditLog.refusals().stream()
                    .filter(c -> c.reason() == reason)
                    .filter(c -> installationId == null || c.installationId().equals(installationId))
                    .mapToLong(RefusalCount::count)
                    .sum();
            if (counted >= atLeast) {
                return counted;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("counted " + counted + " refusals " + reason.code() + ", expected " + atLeast + " in "
                + auditLog.refusals());
        return counted;
    }

    /** Waits several flushes of the refusal counts, then asserts nothing names this text or installation. */
    void assertNotAudited(String pathFragment, InstallationId installationId) throws InterruptedException {
        Thread.sleep(300);
        assertThat(auditLog.all()).noneSatisfy(e -> assertThat(e.detail()).contains(pathFragment));
        if (installationId != null) {
            assertThat(auditLog.all())
                    .noneSatisfy(e -> assertThat(e.installationId()).isEqualTo(installationId));
            assertThat(auditLog.refusals())
                    .noneSatisfy(c -> assertThat(c.installationId()).isEqualTo(installationId));
        }
    }

    static void assertNoLeak(List<String> logs, String... secrets) {
        for (String text : logs) {
            for (String secret : secrets) {
                assertThat(text)
                        .as("log line must not contain a secret/token/body")
                        .doesNotContain(secret);
            }
        }
    }
}
