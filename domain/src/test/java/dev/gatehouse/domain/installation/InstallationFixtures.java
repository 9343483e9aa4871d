package dev.gatehouse.domain.installation;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-data builders, shared with other modules through the domain test-jar. */
public final class InstallationFixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private InstallationFixtures() {}

    /** An active installation with a unique site URL and a fresh strong secret. */
    public static Installation anActive() {
        int n = SEQUENCE.incrementAndGet();
        return Installation.create(
                InstallationId.random(),
                "Server " + n,
                SiteUrl.of("https://chat" + n + ".example.com"),
                null,
                Secret.generate(),
                T0);
    }

    public static Installation anActive(String siteUrl, Secret secret) {
        return Installation.create(
                InstallationId.random(), "Server for " + siteUrl, SiteUrl.of(siteUrl), null, secret, T0);
    }
}
