package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.limits.Bucket4jRateLimiter;
import dev.gatehouse.adapters.http.limits.RateLimitConfiguration;
import dev.gatehouse.adapters.http.mattermost.MattermostApp;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.fakes.FakePorts;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.InMemoryTokenRefreshLock;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.SignedStates;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gatehouse as bootstrap builds it ({@link UseCases}), with the storage ports as the application's in-memory fakes:
 * installations that fail on request, an audit log to read, a clock the tests move and a per-JVM refresh lock. The
 * HTTP adapter's own ports stay real — the call token verifier, {@code HttpMattermost}, {@code HttpOAuth2Provider} —
 * and so do the master-key cipher and the state signer (the sealing adapter, a test dependency).
 */
@Factory
@Requires(env = GatehouseOnFakes.ENVIRONMENT)
public class GatehouseOnFakes {

    /** Test classes that want these beans run in this environment. */
    public static final String ENVIRONMENT = "gatehouse-on-fakes";

    private final FakePorts fakes = new FakePorts();
    private final TroubledInstallations installations = new TroubledInstallations();

    @Singleton
    TroubledInstallations installations() {
        return installations;
    }

    @Singleton
    InMemoryAuditLog auditLog() {
        return fakes.auditLog;
    }

    @Singleton
    MutableClock clock() {
        return fakes.clock;
    }

    @Singleton
    InMemoryTokenRefreshLock tokenRefreshLock() {
        return fakes.tokenRefreshLock;
    }

    @Singleton
    UseCases useCases(
            CallTokenVerifier verifier,
            Mattermost mattermost,
            OAuth2Provider oauth2Provider,
            MattermostApp app,
            PublicUrl publicUrl,
            SignedStates signedStates,
            MattermostProvisioning provisioning,
            Bucket4jRateLimiter rateLimiter,
            RateLimitConfiguration rateLimit,
            @Value("${gatehouse.secrets.allow-weak:false}") boolean allowWeak,
            @Value("${gatehouse.rate-limit.per-second:}") String perSecond) {
        return new UseCases(
                new UseCases.Ports(
                        installations,
                        fakes.auditLog,
                        fakes.transactions,
                        verifier,
                        mattermost,
                        oauth2Provider,
                        fakes.tokenRefreshLock,
                        fakes.gatehouseOAuth2Store,
                        signedStates,
                        fakes.stateNonces,
                        provisioning,
                        rateLimiter,
                        fakes.consoleSignInLinks,
                        fakes.clock),
                // unlimited unless a test sets a default: most tests call far faster than any tenant would
                new UseCases.Settings(
                        app.appId(),
                        app.version(),
                        allowWeak,
                        publicUrl.base(),
                        perSecond.isBlank() ? Optional.empty() : rateLimit.defaultLimit()));
    }
}
