package dev.gatehouse.application.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.InMemoryRateLimiter;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.Installations;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who a call comes from: the route's installation, its status, the Bearer scheme, and that the verifier is given that
 * installation's accepted secrets. What makes a token valid is the verifier's business (its contract test has the
 * table of forged tokens); here a token is valid when it names one of the secrets it is checked against.
 */
class AuthenticateCallTest {

    private final InMemoryInstallations installations = new InMemoryInstallations();
    private final MutableClock clock = new MutableClock(InstallationFixtures.T0);
    private final CallTokenVerifier namesItsSecret =
            (token, accepted, now) -> accepted.stream().anyMatch(secret -> token.equals(signedBy(secret)))
                    ? Admission.admitted(new CallClaims(now.plusSeconds(900), "u1"))
                    : Admission.refused(RejectionReason.TOKEN_SIGNATURE);
    private final AuthenticateCall authenticate =
            new AuthenticateCall(installations, namesItsSecret, clock, RateLimits.none());
    private final Secret secret = new Secret("1234");
    private final Installation installation =
            installations.add(InstallationFixtures.anActive("https://chat.example.com", secret));

    private static String signedBy(Secret secret) {
        return "signed-by-" + secret.value();
    }

    private RejectionReason refused(String id, String header) {
        Admission<Caller> result = authenticate.authenticate(id, header);
        assertThat(result).isInstanceOf(Admission.Refused.class);
        return ((Admission.Refused<Caller>) result).reason();
    }

    @Test
    void acceptsTheBearerSchemeInAnyCase() {
        String id = installation.id().toString();
        assertThat(authenticate.authenticate(id, "Bearer " + signedBy(secret)))
                .isInstanceOfSatisfying(
                        Admission.Admitted.class,
                        a -> assertThat(((Caller) a.value()).installation()).isEqualTo(installation));
        assertThat(authenticate.authenticate(id, "BEARER " + signedBy(secret))).isInstanceOf(Admission.Admitted.class);
        assertThat(refused(id, "Bearer ")).isEqualTo(RejectionReason.TOKEN_NOT_BEARER);
        assertThat(refused(id, "Token " + signedBy(secret))).isEqualTo(RejectionReason.TOKEN_NOT_BEARER);
        assertThat(refused(id, " ")).isEqualTo(RejectionReason.TOKEN_MISSING);
        assertThat(refused(id, null)).isEqualTo(RejectionReason.TOKEN_MISSING);
    }

    @Test
    void theInstallationComesFromTheRouteAndIsCheckedFirst() {
        assertThat(refused("nope", "Bearer " + signedBy(secret))).isEqualTo(RejectionReason.INSTALLATION_UNKNOWN);
        assertThat(refused(InstallationId.random().toString(), "Bearer " + signedBy(secret)))
                .isEqualTo(RejectionReason.INSTALLATION_UNKNOWN);
        Installation other = installations.add(InstallationFixtures.anActive());
        assertThat(refused(other.id().toString(), "Bearer " + signedBy(secret)))
                .isEqualTo(RejectionReason.TOKEN_SIGNATURE);
        installations.update(installation.disable(clock.instant()));
        assertThat(refused(installation.id().toString(), "Bearer " + signedBy(secret)))
                .isEqualTo(RejectionReason.INSTALLATION_DISABLED);
    }

    /** Only a caller with a valid token learns that the installation is disabled; bogus tokens are counted as such. */
    @Test
    void aDisabledInstallationRefusesABadTokenForTheToken() {
        installations.update(installation.disable(clock.instant()));
        String id = installation.id().toString();
        assertThat(refused(id, null)).isEqualTo(RejectionReason.TOKEN_MISSING);
        assertThat(refused(id, "Bearer " + signedBy(Secret.generate()))).isEqualTo(RejectionReason.TOKEN_SIGNATURE);
        assertThat(refused(id, "Bearer " + signedBy(secret))).isEqualTo(RejectionReason.INSTALLATION_DISABLED);
    }

    @Test
    void verifiedCallsBeyondTheRateLimitAreRefusedAndForgedOnesSpendNothing() {
        InMemoryRateLimiter limiter =
                new InMemoryRateLimiter(() -> clock.instant().toEpochMilli() * 1_000_000L);
        AuthenticateCall limited = new AuthenticateCall(
                installations, namesItsSecret, clock, new RateLimits(limiter, Optional.of(new RateLimit(1, 2))));
        String id = installation.id().toString();
        for (int i = 0; i < 50; i++) { // an outsider who knows the id cannot spend the installation's tokens
            assertThat(limited.authenticate(id, "Bearer forged")).isInstanceOf(Admission.Refused.class);
        }
        assertThat(limited.authenticate(id, "Bearer " + signedBy(secret))).isInstanceOf(Admission.Admitted.class);
        assertThat(limited.authenticate(id, "Bearer " + signedBy(secret))).isInstanceOf(Admission.Admitted.class);
        assertThat(limited.authenticate(id, "Bearer " + signedBy(secret)))
                .isEqualTo(Admission.refused(RejectionReason.RATE_LIMITED));
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(limited.authenticate(id, "Bearer " + signedBy(secret))).isInstanceOf(Admission.Admitted.class);

        // the installation's own limit wins over the default
        installations.update(installation.changeRateLimit(new RateLimit(100, 100), clock.instant()));
        for (int i = 0; i < 100; i++) {
            assertThat(limited.authenticate(id, "Bearer " + signedBy(secret))).isInstanceOf(Admission.Admitted.class);
        }
        assertThat(limited.authenticate(id, "Bearer " + signedBy(secret)))
                .isEqualTo(Admission.refused(RejectionReason.RATE_LIMITED));
    }

    @Test
    void thePreviousSecretIsAcceptedInsideItsGraceWindowOnly() {
        Secret next = Secret.generate();
        installations.update(installation.rotateSecret(next, clock.instant(), java.time.Duration.ofMinutes(10)));
        String id = installation.id().toString();
        assertThat(authenticate.authenticate(id, "Bearer " + signedBy(secret))).isInstanceOf(Admission.Admitted.class);
        assertThat(authenticate.authenticate(id, "Bearer " + signedBy(next))).isInstanceOf(Admission.Admitted.class);
        clock.advance(java.time.Duration.ofMinutes(11));
        assertThat(refused(id, "Bearer " + signedBy(secret))).isEqualTo(RejectionReason.TOKEN_SIGNATURE);
    }

    @Test
    void decidesWithoutBlockingOnlyWhenTheInstallationIsInMemory() {
        String id = installation.id().toString();
        // the in-memory fake holds nothing "in memory" in the cache sense: the caller must take the blocking path
        assertThat(authenticate.authenticateWithoutBlocking(id, "Bearer " + signedBy(secret)))
                .isEmpty();
        // a malformed id needs no lookup at all
        assertThat(authenticate.authenticateWithoutBlocking("nope", "Bearer x"))
                .hasValueSatisfying(r -> assertThat(r).isInstanceOf(Admission.Refused.class));
        // with the installation at hand (as a replica's cache has it), the same decisions as the blocking path
        AuthenticateCall cached =
                new AuthenticateCall(new OnlyInMemory(installations), namesItsSecret, clock, RateLimits.none());
        assertThat(cached.authenticateWithoutBlocking(id, "Bearer " + signedBy(secret)))
                .hasValueSatisfying(r -> assertThat(r).isInstanceOf(Admission.Admitted.class));
        assertThat(cached.authenticateWithoutBlocking(id, "Bearer " + signedBy(Secret.generate())))
                .contains(Admission.refused(RejectionReason.TOKEN_SIGNATURE));
        assertThat(cached.authenticateWithoutBlocking(
                        InstallationFixtures.anActive().id().toString(), "Bearer x"))
                .isEmpty();
    }

    /** A replica's cache: what it holds is at hand; anything else would need I/O, which this test forbids. */
    private record OnlyInMemory(Installations held) implements Installations {
        @Override
        public Optional<Installation> findById(InstallationId id) {
            throw new AssertionError("no I/O");
        }

        @Override
        public Optional<Installation> findInMemory(InstallationId id) {
            return held.findById(id);
        }

        @Override
        public Page<Installation> list(int page, int size) {
            throw new AssertionError();
        }

        @Override
        public Page<Installation> search(String text, int page, int size) {
            throw new AssertionError();
        }

        @Override
        public Installation add(Installation installation) {
            throw new AssertionError();
        }

        @Override
        public Installation update(Installation installation) {
            throw new AssertionError();
        }

        @Override
        public boolean delete(InstallationId id) {
            throw new AssertionError();
        }
    }
}
