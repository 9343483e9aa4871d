package dev.gatehouse.application.fakes;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.AppVersion;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.port.CallTokenVerifier;
import java.util.Optional;

/**
 * Every port the core needs, as an in-memory fake, so a test builds Gatehouse the way production does ({@link
 * UseCases}) and swaps in what it wants real. The call token verifier has no fake (its real adapter computes only):
 * here it refuses every token, and tests that verify calls pass the real one.
 */
public final class FakePorts {

    public static final OAuth2ClientCredentials CLIENT =
            new OAuth2ClientCredentials("client-1", "client-secret-0f9e8d");
    public static final AppId APP_ID = new AppId("hello-jwt");
    public static final AppVersion VERSION = new AppVersion("v0.1.0");
    public static final String PUBLIC_URL = "https://gatehouse.example.com";

    public final InMemoryInstallations installations = new InMemoryInstallations();
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final DirectTransactions transactions = new DirectTransactions();
    public final MutableClock clock = new MutableClock(InstallationFixtures.T0);
    /** One Mattermost server behind both Mattermost ports, so what provisioning creates is what calls see. */
    public final InMemoryMattermostServer mattermostServer = new InMemoryMattermostServer(clock);

    public final RecordingMattermost mattermost = new RecordingMattermost(mattermostServer);
    public final InMemoryOAuth2Provider oauth2Provider = new InMemoryOAuth2Provider(CLIENT, clock);
    public final InMemoryTokenRefreshLock tokenRefreshLock = new InMemoryTokenRefreshLock();
    public final InMemoryOAuth2Store gatehouseOAuth2Store = new InMemoryOAuth2Store();
    public final FakeSignedStates signedStates = new FakeSignedStates();
    public final InMemoryStateNonces stateNonces = new InMemoryStateNonces();
    public final InMemoryMattermostProvisioning provisioning = new InMemoryMattermostProvisioning(mattermostServer);
    /** On the fake clock, so a test moves time for the buckets too. */
    public final InMemoryRateLimiter rateLimiter =
            new InMemoryRateLimiter(() -> clock.instant().toEpochMilli() * 1_000_000L);

    public final InMemoryConsoleSignInLinks consoleSignInLinks = new InMemoryConsoleSignInLinks();

    public final CallTokenVerifier refusingVerifier =
            (token, secrets, now) -> Admission.refused(RejectionReason.TOKEN_SIGNATURE);

    public UseCases.Ports ports() {
        return new UseCases.Ports(
                installations,
                auditLog,
                transactions,
                refusingVerifier,
                mattermost,
                oauth2Provider,
                tokenRefreshLock,
                gatehouseOAuth2Store,
                signedStates,
                stateNonces,
                provisioning,
                rateLimiter,
                consoleSignInLinks,
                clock);
    }

    /** The use cases on these fakes, with the default app id and weak secrets refused. */
    public UseCases useCases() {
        return new UseCases(ports(), new UseCases.Settings(APP_ID, VERSION, false, PUBLIC_URL, Optional.empty()));
    }
}
