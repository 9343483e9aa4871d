package dev.gatehouse.adapters.http.security.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.TokenVerification;
import dev.gatehouse.domain.installation.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacCallTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final HmacCallTokenVerifier verifier = new HmacCallTokenVerifier();
    private final Secret secret = new Secret("1234");

    private static String jwt(String header, String claims, byte[] key, String mac) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac m = Mac.getInstance(mac);
        m.init(new SecretKeySpec(key, mac));
        return input + "." + b64.encodeToString(m.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hs256(Secret secret, String claims) throws Exception {
        return jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, secret.keyBytes(), "HmacSHA256");
    }

    private static String exp(long secondsFromNow) {
        return "{\"exp\":" + (NOW.getEpochSecond() + secondsFromNow) + ",\"acting_user_id\":\"u1\"}";
    }

    private TokenVerification verify(String token, Secret... accepted) {
        return verifier.verify(token, List.of(accepted), NOW);
    }

    @Test
    void verifiesAFourByteSecretAsMattermostSignsIt() throws Exception {
        assertThat(verify(hs256(secret, exp(900)), secret))
                .isEqualTo(new TokenVerification.Verified(new CallClaims(NOW.plusSeconds(900), "u1")));
    }

    @Test
    void aTokenWithoutActingUserHasNone() throws Exception {
        String token = hs256(secret, "{\"exp\":" + (NOW.getEpochSecond() + 900) + "}");
        assertThat(verify(token, secret))
                .isInstanceOfSatisfying(
                        TokenVerification.Verified.class,
                        v -> assertThat(v.claims().actingUser()).isEmpty());
    }

    @Test
    void acceptsAnyOfTheAcceptedSecrets() throws Exception {
        Secret previous = Secret.generate();
        assertThat(verify(hs256(previous, exp(900)), secret, previous)).isInstanceOf(TokenVerification.Verified.class);
        assertThat(verify(hs256(previous, exp(900)), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_SIGNATURE));
    }

    @Test
    void refusesEveryOtherAlgorithm() throws Exception {
        String hs512 = jwt("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", exp(900), secret.keyBytes(), "HmacSHA512");
        String hs384 = jwt("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", exp(900), secret.keyBytes(), "HmacSHA384");
        String rs256 = jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", exp(900), secret.keyBytes(), "HmacSHA256");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(exp(900).getBytes(StandardCharsets.UTF_8)) + ".";
        for (String token : List.of(hs512, hs384, rs256, none)) {
            assertThat(verify(token, secret))
                    .as(token)
                    .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_ALGORITHM));
        }
    }

    @Test
    void refusesATamperedPayload() throws Exception {
        String token = hs256(secret, exp(900));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"exp\":9999999999,\"acting_user_id\":\"admin\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verify(forged, secret)).isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_SIGNATURE));
    }

    @Test
    void checksExpiryWithSixtySecondsOfSkewAndAtMostFifteenMinutesAhead() throws Exception {
        assertThat(verify(hs256(secret, exp(-59)), secret)).isInstanceOf(TokenVerification.Verified.class);
        assertThat(verify(hs256(secret, exp(-61)), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_EXPIRED));
        assertThat(verify(hs256(secret, exp(900 + 60)), secret)).isInstanceOf(TokenVerification.Verified.class);
        assertThat(verify(hs256(secret, exp(900 + 61)), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_EXPIRY_TOO_FAR));
        assertThat(verify(hs256(secret, "{\"acting_user_id\":\"u1\"}"), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_NO_EXPIRY));
        // a huge exp must not overflow into "expired"
        assertThat(verify(hs256(secret, "{\"exp\":1e30}"), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_EXPIRY_TOO_FAR));
        assertThat(verify(hs256(secret, "{\"exp\":9223372036854775807}"), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_EXPIRY_TOO_FAR));
    }

    @Test
    void refusesCriticalHeaderExtensionsItDoesNotUnderstand() throws Exception {
        String token = jwt(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"x\"],\"x\":1}",
                exp(60),
                secret.keyBytes(),
                "HmacSHA256");
        assertThat(verify(token, secret)).isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_MALFORMED));
    }

    @Test
    void refusesMalformedTokensAndClaims() throws Exception {
        for (String token : List.of("", "garbage", "a.b", "a.b.c.d.e.f", "e30.e30.")) {
            assertThat(verify(token, secret)).as(token).isInstanceOf(TokenVerification.Rejected.class);
        }
        assertThat(verify(hs256(secret, "{\"exp\":\"tomorrow\"}"), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_MALFORMED));
        assertThat(verify(hs256(secret, "{\"exp\":" + (NOW.getEpochSecond() + 60) + ",\"acting_user_id\":42}"), secret))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.TOKEN_MALFORMED));
    }
}
