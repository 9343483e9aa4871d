package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.limits.RateLimitConfiguration;
import dev.gatehouse.adapters.http.mattermost.MattermostApp;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.ConsoleSignInLinks;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.RateLimiter;
import dev.gatehouse.domain.port.SignedStates;
import dev.gatehouse.domain.port.StateNonces;
import dev.gatehouse.domain.port.TokenRefreshLock;
import dev.gatehouse.domain.port.Transactions;
import io.micronaut.context.annotation.Factory;
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
    UseCases useCases(
            Installations installations,
            AuditLog auditLog,
            Transactions transactions,
            CallTokenVerifier callTokenVerifier,
            Mattermost mattermost,
            OAuth2Provider oauth2Provider,
            TokenRefreshLock tokenRefreshLock,
            OAuth2Store gatehouseOAuth2Store,
            SignedStates signedStates,
            StateNonces stateNonces,
            MattermostProvisioning provisioning,
            RateLimiter rateLimiter,
            ConsoleSignInLinks consoleSignInLinks,
            Clock clock,
            MattermostApp app,
            PublicUrl publicUrl,
            SecretsConfiguration secrets,
            RateLimitConfiguration rateLimit) {
        return new UseCases(
                new UseCases.Ports(
                        installations,
                        auditLog,
                        transactions,
                        callTokenVerifier,
                        mattermost,
                        oauth2Provider,
                        tokenRefreshLock,
                        gatehouseOAuth2Store,
                        signedStates,
                        stateNonces,
                        provisioning,
                        rateLimiter,
                        consoleSignInLinks,
                        clock),
                new UseCases.Settings(
                        app.appId(), app.version(), secrets.allowWeak(), publicUrl.base(), rateLimit.defaultLimit()));
    }
}
