package dev.gatehouse.adapters.http.security.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.Installations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The use case with the real verifier: the Bearer scheme, and that the route's installation decides the secret. */
class AuthenticateCallTest {

    private final InMemoryInstallations installations = new InMemoryInstallations();
    private final MutableClock clock = new MutableClock(InstallationFixtures.T0);
    private final AuthenticateCall authenticate =
            new AuthenticateCall(installations, new HmacCallTokenVerifier(), clock);
    private final Secret secret = new Secret("1234");
    private final Installation installation =
            installations.add(InstallationFixtures.anActive("https://chat.example.com", secret));

    private String token(Secret signer) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + (clock.instant().getEpochSecond() + 900) + "}")
                        .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signer.keyBytes(), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    private RejectionReason refused(String id, String header) {
        var result = authenticate.authenticate(id, header);
        assertThat(result).isInstanceOf(AuthenticateCall.Result.Refused.class);
        return ((AuthenticateCall.Result.Refused) result).reason();
    }

    @Test
    void acceptsTheBearerSchemeInAnyCase() throws Exception {
        String id = installation.id().toString();
        assertThat(authenticate.authenticate(id, "Bearer " + token(secret)))
                .isInstanceOf(AuthenticateCall.Result.Authenticated.class);
        assertThat(authenticate.authenticate(id, "BEARER " + token(secret)))
                .isInstanceOf(AuthenticateCall.Result.Authenticated.class);
        assertThat(refused(id, "Bearer ")).isEqualTo(RejectionReason.TOKEN_NOT_BEARER);
        assertThat(refused(id, "Token " + token(secret))).isEqualTo(RejectionReason.TOKEN_NOT_BEARER);
        assertThat(refused(id, " ")).isEqualTo(RejectionReason.TOKEN_MISSING);
    }

    @Test
    void decidesWithoutBlockingOnlyWhenTheInstallationIsInMemory() throws Exception {
        String id = installation.id().toString();
        // the in-memory fake holds nothing "in memory" in the cache sense: the caller must take the blocking path
        assertThat(authenticate.authenticateWithoutBlocking(id, "Bearer " + token(secret)))
                .isEmpty();
        // a malformed id needs no lookup at all
        assertThat(authenticate.authenticateWithoutBlocking("nope", "Bearer x"))
                .hasValueSatisfying(r -> assertThat(r).isInstanceOf(AuthenticateCall.Result.Refused.class));
        // with the installation at hand (as a replica's cache has it), the same decisions as the blocking path
        Installations inMemory = new Installations() {
            public java.util.Optional<Installation> findById(dev.gatehouse.domain.installation.InstallationId i) {
                throw new AssertionError("no I/O");
            }

            public java.util.Optional<Installation> findInMemory(dev.gatehouse.domain.installation.InstallationId i) {
                return installations.findById(i);
            }

            public dev.gatehouse.domain.installation.Page<Installation> list(int page, int size) {
                throw new AssertionError();
            }

            public Installation add(Installation i) {
                throw new AssertionError();
            }

            public Installation update(Installation i) {
                throw new AssertionError();
            }

            public boolean delete(dev.gatehouse.domain.installation.InstallationId i) {
                throw new AssertionError();
            }
        };
        AuthenticateCall cached = new AuthenticateCall(inMemory, new HmacCallTokenVerifier(), clock);
        assertThat(cached.authenticateWithoutBlocking(id, "Bearer " + token(secret)))
                .hasValueSatisfying(r -> assertThat(r).isInstanceOf(AuthenticateCall.Result.Authenticated.class));
        assertThat(cached.authenticateWithoutBlocking(id, "Bearer " + token(Secret.generate())))
                .hasValueSatisfying(r -> assertThat(((AuthenticateCall.Result.Refused) r).reason())
                        .isEqualTo(RejectionReason.TOKEN_SIGNATURE));
        assertThat(cached.authenticateWithoutBlocking(
                        InstallationFixtures.anActive().id().toString(), "Bearer x"))
                .isEmpty();
    }

    @Test
    void theInstallationComesFromTheRouteAndIsCheckedFirst() throws Exception {
        assertThat(refused("nope", "Bearer " + token(secret))).isEqualTo(RejectionReason.INSTALLATION_UNKNOWN);
        Installation other = installations.add(InstallationFixtures.anActive());
        assertThat(refused(other.id().toString(), "Bearer " + token(secret)))
                .isEqualTo(RejectionReason.TOKEN_SIGNATURE);
        installations.update(installation.disable(clock.instant()));
        assertThat(refused(installation.id().toString(), null)).isEqualTo(RejectionReason.INSTALLATION_DISABLED);
    }
}
