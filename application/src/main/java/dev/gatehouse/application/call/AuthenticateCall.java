package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.TokenVerification;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Installations;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides who a Mattermost call comes from, before its body is read: the installation named by the route (tenancy
 * comes from the URL, never from the unverified body), which must be active, and a call token signed with one of
 * its accepted secrets. Binding the body to the caller is the next step ({@link Caller#admit}).
 */
public final class AuthenticateCall {

    private static final String BEARER = "bearer ";

    public sealed interface Result {
        record Authenticated(Caller caller) implements Result {}

        /** {@code installationId} is null when the route did not name a valid id. */
        record Refused(RejectionReason reason, InstallationId installationId) implements Result {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }

            public Optional<InstallationId> installation() {
                return Optional.ofNullable(installationId);
            }
        }
    }

    private final Installations installations;
    private final CallTokenVerifier verifier;
    private final Clock clock;

    public AuthenticateCall(Installations installations, CallTokenVerifier verifier, Clock clock) {
        this.installations = installations;
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * @param installationId      the id segment of the route, as sent
     * @param authorizationHeader the {@code Mattermost-App-Authorization} header, null when absent
     */
    public Result authenticate(String installationId, String authorizationHeader) {
        return authenticate(installationId, authorizationHeader, false).orElseThrow();
    }

    /**
     * The same decision, but only if it needs no I/O (the installation is in this replica's memory); empty when
     * {@link #authenticate} must be called on a thread that may block.
     */
    public Optional<Result> authenticateWithoutBlocking(String installationId, String authorizationHeader) {
        return authenticate(installationId, authorizationHeader, true);
    }

    private Optional<Result> authenticate(String installationId, String authorizationHeader, boolean inMemoryOnly) {
        InstallationId id;
        try {
            id = InstallationId.parse(installationId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.of(new Result.Refused(RejectionReason.INSTALLATION_UNKNOWN, null));
        }
        Optional<Installation> found = inMemoryOnly ? installations.findInMemory(id) : installations.findById(id);
        if (found.isEmpty()) {
            return inMemoryOnly
                    ? Optional.empty()
                    : Optional.of(new Result.Refused(RejectionReason.INSTALLATION_UNKNOWN, id));
        }
        return Optional.of(check(found.get(), id, authorizationHeader));
    }

    private Result check(Installation installation, InstallationId id, String authorizationHeader) {
        if (!installation.isActive()) {
            return new Result.Refused(RejectionReason.INSTALLATION_DISABLED, id);
        }
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Result.Refused(RejectionReason.TOKEN_MISSING, id);
        }
        // The scheme is case-insensitive (RFC 6750; Mattermost's own server accepts "BEARER" too).
        if (authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader
                        .substring(0, BEARER.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(BEARER)) {
            return new Result.Refused(RejectionReason.TOKEN_NOT_BEARER, id);
        }
        String token = authorizationHeader.substring(BEARER.length()).strip();
        Instant now = clock.instant();
        TokenVerification verification = verifier.verify(token, installation.acceptedSecrets(now), now);
        if (verification instanceof TokenVerification.Verified verified) {
            return new Result.Authenticated(new Caller(installation, verified.claims()));
        }
        if (verification instanceof TokenVerification.Rejected rejected) {
            return new Result.Refused(rejected.reason(), id);
        }
        throw new IllegalStateException("unmapped token verification " + verification);
    }
}
