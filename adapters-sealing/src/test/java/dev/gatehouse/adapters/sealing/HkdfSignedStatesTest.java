package dev.gatehouse.adapters.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.SignedStatesContract;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState.Purpose;
import dev.gatehouse.domain.port.SignedStates;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HkdfSignedStatesTest extends SignedStatesContract {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final byte[] masterKey = newKey();
    private final HkdfSignedStates states = new HkdfSignedStates(masterKey, JSON);

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    protected SignedStates states() {
        return states;
    }

    @Test
    void theStateIsThePayloadAndItsSignatureAndNamesNoSecret() {
        String state = states.issue(installation, "user1", Purpose.CONNECT, NOW);
        String[] parts = state.split("\\.");
        assertThat(parts).hasSize(2);
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertThat(payload)
                .contains("\"i\":\"" + installation + "\"")
                .contains("\"u\":\"user1\"")
                .contains("\"p\":\"connect\"");
        assertThat(Base64.getUrlDecoder().decode(parts[1])).hasSize(32);
    }

    @Test
    void onlyTheCanonicalSpellingOfAStateIsAccepted() {
        String state = states.issue(installation, "user1", Purpose.CONNECT, NOW);
        String signature = state.substring(state.indexOf('.') + 1);
        // 32 bytes are 43 base64url characters; the last carries 2 unused bits, which the decoder ignores
        char last = signature.charAt(signature.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = alphabet.indexOf(last);
        char sameBytes = alphabet.charAt((index & ~3) | ((index & 3) ^ 1));
        String respelled = state.substring(0, state.length() - 1) + sameBytes;
        assertThat(Base64.getUrlDecoder().decode(respelled.substring(respelled.indexOf('.') + 1)))
                .isEqualTo(Base64.getUrlDecoder().decode(signature));
        assertThat(states.verify(respelled, installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
        assertThat(states.verify(state + "=", installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
    }

    @Test
    void anotherMasterKeySignsOtherStates() {
        String state = states.issue(installation, "user1", Purpose.CONNECT, NOW);
        HkdfSignedStates otherGatehouse = new HkdfSignedStates(newKey(), JSON);
        assertThat(otherGatehouse.verify(state, installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
        assertThat(new HkdfSignedStates(masterKey.clone(), JSON).verify(state, installation, Purpose.CONNECT, NOW))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void aPayloadWithAnotherInstallationIsRefusedEvenWithItsOwnSignature() {
        // re-signing is impossible without the key; a state whose payload names another installation but carries
        // this installation's signature over that payload can only come from a bug, and is refused all the same
        String theirs =
                states.issue(dev.gatehouse.domain.installation.InstallationId.random(), "u", Purpose.CONNECT, NOW);
        String payload = theirs.substring(0, theirs.indexOf('.'));
        String mine = states.issue(installation, "u", Purpose.CONNECT, NOW);
        String spliced = payload + mine.substring(mine.indexOf('.'));
        assertThat(states.verify(spliced, installation, Purpose.CONNECT, NOW))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
    }
}
