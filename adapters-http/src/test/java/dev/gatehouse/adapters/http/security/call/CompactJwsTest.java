package dev.gatehouse.adapters.http.security.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.call.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header checks of the hand-read compact JWS, beyond the shared table of {@code CallTokenVerifierContract}. */
class CompactJwsTest {

    private static final byte[] KEY = "1234".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final String CLAIMS = "{\"exp\":1767268800}";

    private static Admission<CompactJws> read(String header) {
        return CompactJws.read(CallTokens.sign(header, CLAIMS, KEY, "HmacSHA256"));
    }

    @Test
    void readsTheHeaderMattermostSends() {
        assertThat(read(CallTokens.HS256_HEADER))
                .isInstanceOfSatisfying(
                        Admission.Admitted.class,
                        admitted -> assertThat(((CompactJws) admitted.value()).payload())
                                .isEqualTo(CLAIMS));
        assertThat(read("{\"alg\":\"HS256\"}")).isInstanceOf(Admission.Admitted.class);
        assertThat(read("{\"typ\":\"JWT\",\"kid\":\"k1\",\"x\":{\"y\":[1,2]},\"alg\":\"HS256\"}"))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void refusesHeadersThatAreNotOneStrictObjectWithAStringAlgAndNoCrit() {
        for (String header : List.of(
                "{\"alg\":\"HS256\",\"crit\":[]}",
                "{\"alg\":\"HS256\",\"crit\":\"b64\"}",
                "{\"alg\":\"HS256\",\"alg\":\"HS256\"}",
                "{\"alg\":\"HS256\",\"typ\":1}",
                "{\"alg\":[\"HS256\"]}",
                "{\"alg\":null}",
                "{\"typ\":\"JWT\"}",
                "{}",
                "{\"alg\":\"HS256\"}{}",
                "{\"alg\":\"HS256\",\"x\":{\"a\":1,\"a\":2}}",
                "{'alg':'HS256'}",
                "[\"HS256\"]",
                "")) {
            assertThat(read(header)).as(header).isEqualTo(Admission.refused(RejectionReason.TOKEN_MALFORMED));
        }
    }

    @Test
    void anotherAlgorithmIsRefusedAsSuch() {
        for (String alg : List.of("none", "HS384", "hs256", "RS256", "")) {
            assertThat(read("{\"alg\":\"" + alg + "\"}"))
                    .as(alg)
                    .isEqualTo(Admission.refused(RejectionReason.TOKEN_ALGORITHM));
        }
    }

    @Test
    void needsExactlyThreeParts() {
        String token = CallTokens.sign(CallTokens.HS256_HEADER, CLAIMS, KEY, "HmacSHA256");
        for (String forged : List.of(token + ".", "." + token, token.replace('.', '_'), token + ".." + token)) {
            assertThat(CompactJws.read(forged))
                    .as(forged)
                    .isEqualTo(Admission.refused(RejectionReason.TOKEN_MALFORMED));
        }
    }
}
