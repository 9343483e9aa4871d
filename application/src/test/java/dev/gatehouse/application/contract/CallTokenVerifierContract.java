package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.port.CallTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    @Test
    void aSignedPayloadThatIsNotOneJsonObjectWithSaneClaimsIsMalformed() {
        long exp = NOW.getEpochSecond() + 60;
        for (String claims : List.of(
                "{\"exp\":" + exp + ",\"exp\":" + (exp + 30) + "}",
                "{\"exp\":" + exp + ",\"acting_user_id\":\"u1\",\"acting_user_id\":\"admin\"}",
                "not json",
                "[" + exp + "]",
                "\"exp\"",
                "{\"exp\":" + exp + "} trailing",
                "{\"exp\":" + exp + "}{}",
                "{\"exp\":" + exp,
                "{\"exp\":1e400}",
                "{\"exp\":-1e400}",
                "{\"exp\":NaN}",
                "{\"exp\":Infinity}",
                "{'exp':" + exp + "}",
                "{\"exp\":" + exp + ",\"acting_user_id\":[\"u1\"]}",
                "{\"exp\":" + exp + ",\"nbf\":1e400}",
                "{\"exp\":" + exp + ",\"iat\":\"now\"}",
                "{\"exp\":" + exp + ",\"nbf\":true}",
                "{\"exp\":null}")) {
            assertThat(verify(CallTokens.hs256(secret, claims), secret))
                    .as(claims)
                    .isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
        }
    }

    @Test
    void refusesNotBeforeAndIssuedAtFurtherAheadThanTheClockSkew() {
        long exp = NOW.getEpochSecond() + 600;
        for (String claim : List.of("nbf", "iat")) {
            String within = "{\"exp\":" + exp + ",\"" + claim + "\":" + (NOW.getEpochSecond() + 60) + "}";
            String ahead = "{\"exp\":" + exp + ",\"" + claim + "\":" + (NOW.getEpochSecond() + 61) + "}";
            String farAhead = "{\"exp\":" + exp + ",\"" + claim + "\":1e30}";
            assertThat(verify(CallTokens.hs256(secret, within), secret))
                    .as(within)
                    .isInstanceOf(Admission.Admitted.class);
            assertThat(verify(CallTokens.hs256(secret, ahead), secret))
                    .as(ahead)
                    .isEqualTo(refused(RejectionReason.TOKEN_NOT_YET_VALID));
            assertThat(verify(CallTokens.hs256(secret, farAhead), secret))
                    .as(farAhead)
                    .isEqualTo(refused(RejectionReason.TOKEN_NOT_YET_VALID));
        }
    }

    @Test
    void acceptsOnlyTheCanonicalBase64UrlSpellingOfEachPart() {
        String token = tokenWithUrlSafeCharactersInItsSignature();
        String[] parts = token.split("\\.");
        assertThat(verify(token, secret)).isInstanceOf(Admission.Admitted.class);
        // the signature respelled: same bytes, so only the spelling is refused
        for (String signature : respellings(parts[2])) {
            String respelled = parts[0] + "." + parts[1] + "." + signature;
            assertThat(verify(respelled, secret)).as(respelled).isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
        }
        // header and payload respelled and signed as such: a signer that spells them so is refused too
        for (String header : respellings(parts[0])) {
            String respelled = signedAsSpelled(header, parts[1]);
            assertThat(verify(respelled, secret)).as(respelled).isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
        }
        for (String payload : respellings(parts[1])) {
            String respelled = signedAsSpelled(parts[0], payload);
            assertThat(verify(respelled, secret)).as(respelled).isEqualTo(refused(RejectionReason.TOKEN_MALFORMED));
        }
    }

    /** A token whose signature has a {@code -} or {@code _}, so that its {@code +/} spelling differs. */
    private String tokenWithUrlSafeCharactersInItsSignature() {
        for (int user = 0; ; user++) {
            String token = CallTokens.hs256(
                    secret, "{\"exp\":" + (NOW.getEpochSecond() + 900) + ",\"acting_user_id\":\"u" + user + "\"}");
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.contains("-") || signature.contains("_")) {
                return token;
            }
        }
    }

    /** Other spellings of the same bytes that a lenient decoder accepts: padding, {@code +/}, ignored characters. */
    static List<String> respellings(String part) {
        List<String> spellings = new ArrayList<>(List.of(
                part + "=",
                part + "==",
                part.substring(0, 4) + "!" + part.substring(4),
                part.substring(0, 4) + " " + part.substring(4),
                part.substring(0, 4) + "\n" + part.substring(4),
                " " + part));
        if (part.contains("-") || part.contains("_")) {
            spellings.add(part.replace('-', '+').replace('_', '/'));
        }
        if (part.length() % 4 != 0) { // the last character carries unused low bits, which decoders ignore
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            int index = alphabet.indexOf(part.charAt(part.length() - 1));
            spellings.add(part.substring(0, part.length() - 1) + alphabet.charAt(index ^ 1));
        }
        return spellings;
    }

    private String signedAsSpelled(String header, String payload) {
        String input = header + "." + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
            return input + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
