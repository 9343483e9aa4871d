package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Installations;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides who a Mattermost call comes from, before its body is read: the installation named by the route (tenancy
 * comes from the URL, never from the unverified body), which must be active, and a call token signed with one of
 * its accepted secrets; then the installation's rate limit ({@link RateLimits}). Binding the body to the caller is the next step ({@link Caller#admit}).
 */
public final class AuthenticateCall {

    private static final String BEARER = "bearer ";

    private final Installations installations;
    private final CallTokenVerifier verifier;
    private final Clock clock;
    private final RateLimits rateLimits;

    public AuthenticateCall(
            Installations installations, CallTokenVerifier verifier, Clock clock, RateLimits rateLimits) {
        this.installations = installations;
        this.verifier = verifier;
        this.clock = clock;
        this.rateLimits = rateLimits;
    }

    /**
     * @param installationId      the id segment of the route, as sent
     * @param authorizationHeader the {@code Mattermost-App-Authorization} header, null when absent
     */
    public Admission<Caller> authenticate(String installationId, String authorizationHeader) {
        return authenticate(installationId, authorizationHeader, false).orElseThrow();
    }

    /**
     * The same decision, but only if it needs no I/O (the installation is in this replica's memory); empty when
     * {@link #authenticate} must be called on a thread that may block.
     */
    public Optional<Admission<Caller>> authenticateWithoutBlocking(String installationId, String authorizationHeader) {
        return authenticate(installationId, authorizationHeader, true);
    }

    private Optional<Admission<Caller>> authenticate(
            String installationId, String authorizationHeader, boolean inMemoryOnly) {
        return RouteInstallation.find(installations, installationId, inMemoryOnly)
                .map(found -> found.flatMap(installation -> check(installation, authorizationHeader)));
    }

    /**
     * The token is checked before the installation's status: a disabled installation is refused as such only to a
     * caller with a valid token, so a flood of bogus tokens is counted like any other (see
     * {@link RejectionReason#withoutValidCredential()}) and tells an outsider nothing about the installation.
     */
    private Admission<Caller> check(Installation installation, String authorizationHeader) {
        Admission<Caller> verified = verify(installation, authorizationHeader);
        if (verified instanceof Admission.Admitted<Caller> && !installation.isActive()) {
            return Admission.refused(RejectionReason.INSTALLATION_DISABLED);
        }
        return verified.flatMap(caller -> rateLimits.admit(installation, caller));
    }

    private Admission<Caller> verify(Installation installation, String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Admission.refused(RejectionReason.TOKEN_MISSING);
        }
        // The scheme is case-insensitive (RFC 6750; Mattermost's own server accepts "BEARER" too).
        if (authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader
                        .substring(0, BEARER.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(BEARER)) {
            return Admission.refused(RejectionReason.TOKEN_NOT_BEARER);
        }
        String token = authorizationHeader.substring(BEARER.length()).strip();
        Instant now = clock.instant();
        return verifier.verify(token, installation.acceptedSecrets(now), now)
                .map(claims -> new Caller(installation, claims));
    }
}
