package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.CallTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallTokenVerifier} must do with what Mattermost sends — and with every token an attacker can
 * forge: the table of refusals. Run by the real verifier of the HTTP adapter (the port has no fake: its adapter only
 * computes).
 */
public abstract class CallTokenVerifierContract {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final Secret secret = new Secret("1234");

    protected abstract CallTokenVerifier verifier();

    private static String exp(long secondsFromNow) {
        return "{\"exp\":" + (NOW.getEpochSecond() + secondsFromNow) + ",\"acting_user_id\":\"u1\"}";
    }

    private Admission<CallClaims> verify(String token, Secret... accepted) {
        return verifier().verify(token, List.of(accepted), NOW);
    }

    private static Admission<CallClaims> refused(RejectionReason reason) {
        return Admission.refused(reason);
    }

    @Test
    void verifiesAFourByteSecretAsMattermostSignsIt() {
        assertThat(verify(CallTokens.hs256(secret, exp(900)), secret))
                .isEqualTo(Admission.admitted(new CallClaims(NOW.plusSeconds(900), "u1")));
    }

    @Test
    void aTokenWithoutActingUserHasNone() {
        String token = CallTokens.hs256(secret, "{\"exp\":" + (NOW.getEpochSecond() + 900) + "}");
        assertThat(verify(token, secret))
                .isInstanceOfSatisfying(
                        Admission.Admitted.class,
                        v -> assertThat(((CallClaims) v.value()).actingUser()).isEmpty());
    }

    @Test
    void acceptsAnyOfTheAcceptedSecrets() {
        Secret previous = Secret.generate();
        assertThat(verify(CallTokens.hs256(previous, exp(900)), secret, previous))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(verify(CallTokens.hs256(previous, exp(900)), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_SIGNATURE));
    }

    @Test
    void refusesEveryOtherAlgorithm() {
        String hs512 =
                CallTokens.sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", exp(900), secret.keyBytes(), "HmacSHA512");
        String hs384 =
                CallTokens.sign("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", exp(900), secret.keyBytes(), "HmacSHA384");
        String rs256 =
                CallTokens.sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", exp(900), secret.keyBytes(), "HmacSHA256");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(exp(900).getBytes(StandardCharsets.UTF_8)) + ".";
        for (String token : List.of(hs512, hs384, rs256, none)) {
            assertThat(verify(token, secret)).as(token).isEqualTo(refused(RejectionReason.TOKEN_ALGORITHM));
        }
    }

    @Test
    void refusesATamperedPayload() {
        String token = CallTokens.hs256(secret, exp(900));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"exp\":9999999999,\"acting_user_id\":\"admin\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verify(forged, secret)).isEqualTo(refused(RejectionReason.TOKEN_SIGNATURE));
    }

    @Test
    void checksExpiryWithSixtySecondsOfSkewAndAtMostFifteenMinutesAhead() {
        assertThat(verify(CallTokens.hs256(secret, exp(-59)), secret)).isInstanceOf(Admission.Admitted.class);
        assertThat(verify(CallTokens.hs256(secret, exp(-61)), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_EXPIRED));
        assertThat(verify(CallTokens.hs256(secret, exp(900 + 60)), secret)).isInstanceOf(Admission.Admitted.class);
        assertThat(verify(CallTokens.hs256(secret, exp(900 + 61)), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_EXPIRY_TOO_FAR));
        assertThat(verify(CallTokens.hs256(secret, "{\"acting_user_id\":\"u1\"}"), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_NO_EXPIRY));
        // a huge exp must not overflow into "expired"
        assertThat(verify(CallTokens.hs256(secret, "{\"exp\":1e30}"), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_EXPIRY_TOO_FAR));
        assertThat(verify(CallTokens.hs256(secret, "{\"exp\":9223372036854775807}"), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_EXPIRY_TOO_FAR));
    }

    @Test
    void refusesCriticalHeaderExtensionsItDoesNotUnderstand() {
        String token = CallTokens.sign(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"x\"],\"x\":1}",
                exp(60),
                secret.keyBytes(),
                "HmacSHA256");
        assertThat(verify(token, secret)).isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
    }

    @Test
    void refusesMalformedTokensAndClaims() {
        for (String token : List.of("", "garbage", "a.b", "a.b.c.d.e.f", "e30.e30.")) {
            assertThat(verify(token, secret)).as(token).isInstanceOf(Admission.Refused.class);
        }
        assertThat(verify(CallTokens.hs256(secret, "{\"exp\":\"tomorrow\"}"), secret))
                .isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
        assertThat(verify(
                        CallTokens.hs256(secret, "{\"exp\":" + (NOW.getEpochSecond() + 60) + ",\"acting_user_id\":42}"),
                        secret))
                .isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
    }
}
