package dev.gatehouse.adapters.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {

    private static final String PLAIN = "a-very-secret-value-0123456789-abcdefghij";
    private final String key = newKey();
    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(key, null);

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void opensWhatItSealed() {
        assertThat(cipher.open(cipher.seal(PLAIN))).isEqualTo(PLAIN);
        assertThat(cipher.open(cipher.seal("ünïcödé ✓"))).isEqualTo("ünïcödé ✓");
    }

    @Test
    void sealedTextIsVersionedNamesTheKeyAndHidesThePlaintext() {
        String sealed = cipher.seal(PLAIN);
        assertThat(sealed).matches("gh1\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]+");
        assertThat(sealed.split("\\.")[1]).isEqualTo(cipher.currentKeyId());
        assertThat(sealed).doesNotContain(PLAIN);
        assertThat(sealed)
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(PLAIN.getBytes()));
    }

    @Test
    void aBoundValueOpensOnlyForItsOwner() {
        String owner = "installation:a|user:u1|oauth2-token";
        String sealed = cipher.seal(PLAIN, owner);
        assertThat(sealed).startsWith("gh2." + cipher.currentKeyId() + ".").doesNotContain(PLAIN);
        assertThat(cipher.open(sealed, owner)).isEqualTo(PLAIN);
        assertThatThrownBy(() -> cipher.open(sealed, "installation:b|user:u1|oauth2-token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to someone else")
                .hasMessageNotContaining(PLAIN);
        assertThatThrownBy(() -> cipher.open(sealed, "installation:a|user:u2|oauth2-token"))
                .isInstanceOf(IllegalArgumentException.class);
        // the formats do not mix: an unbound value is no bound one, and the other way round
        assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(cipher.seal(PLAIN), owner)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.seal(PLAIN, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesAFreshNonceForEverySeal() {
        String first = cipher.seal(PLAIN);
        String second = cipher.seal(PLAIN);
        assertThat(first).isNotEqualTo(second);
        byte[] a = Base64.getUrlDecoder().decode(first.split("\\.")[2]);
        byte[] b = Base64.getUrlDecoder().decode(second.split("\\.")[2]);
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
    }

    @Test
    void refusesAlteredCiphertextWithoutEchoingIt() {
        String sealed = cipher.seal(PLAIN);
        byte[] data = Base64.getUrlDecoder().decode(sealed.split("\\.")[2]);
        data[data.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        assertThatThrownBy(() -> cipher.open(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authentication")
                .hasMessageNotContaining(tampered)
                .hasMessageNotContaining(PLAIN);
    }

    @Test
    void refusesAKeyIdSwappedIntoAnotherValue() {
        AesGcmSecretCipher twoKeys = new AesGcmSecretCipher(newKey(), List.of(key));
        String sealedWithOld = cipher.seal(PLAIN);
        String relabelled = "gh1." + twoKeys.currentKeyId() + sealedWithOld.substring(sealedWithOld.lastIndexOf('.'));
        assertThatThrownBy(() -> twoKeys.open(relabelled)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesValuesSealedWithAnUnknownKey() {
        String sealed = new AesGcmSecretCipher(newKey(), null).seal(PLAIN);
        assertThatThrownBy(() -> cipher.open(sealed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown master key")
                .hasMessageContaining("GATEHOUSE_PREVIOUS_MASTER_KEYS")
                .hasMessageNotContaining(sealed);
    }

    @Test
    void refusesMalformedInputWithoutEchoingIt() {
        for (String bad : List.of(
                "",
                PLAIN,
                "gh1." + PLAIN,
                "gh2.abcdef01.AAAA",
                "gh1.zz.AAAA",
                "gh1." + cipher.currentKeyId() + ".!!not-base64!!",
                "gh1." + cipher.currentKeyId() + ".AAAA")) {
            assertThatThrownBy(() -> cipher.open(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> {
                        if (!bad.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                        assertThat(e.getMessage()).doesNotContain(PLAIN);
                    });
        }
    }

    @Test
    void previousKeyStillOpensOldValuesAfterRotation() {
        String sealedBeforeRotation = cipher.seal(PLAIN);
        AesGcmSecretCipher rotated = new AesGcmSecretCipher(newKey(), List.of(key));

        assertThat(rotated.open(sealedBeforeRotation)).isEqualTo(PLAIN);
        String resealed = rotated.seal(PLAIN);
        assertThat(resealed.split("\\.")[1]).isEqualTo(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
        assertThatThrownBy(() -> cipher.open(resealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIdDependsOnTheKeyOnly() {
        assertThat(new AesGcmSecretCipher(key, null).currentKeyId()).isEqualTo(cipher.currentKeyId());
        assertThat(new AesGcmSecretCipher(newKey(), null).currentKeyId()).isNotEqualTo(cipher.currentKeyId());
    }

    @Test
    void acceptsTheUrlSafeBase64Alphabet() {
        byte[] bytes = Base64.getDecoder().decode(key);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(new AesGcmSecretCipher(urlSafe, null).currentKeyId()).isEqualTo(cipher.currentKeyId());
    }

    @Test
    void toStringRevealsNeitherKeyNorPlaintext() {
        assertThat(cipher.toString()).doesNotContain(key).contains(cipher.currentKeyId());
    }

    @Test
    void missingOrBrokenMasterKeyIsAnErrorNamingTheVariableButNotTheValue() {
        assertThatThrownBy(() -> new AesGcmSecretCipher(null, null))
                .hasMessageContaining("GATEHOUSE_MASTER_KEY")
                .hasMessageContaining("not set");
        assertThatThrownBy(() -> new AesGcmSecretCipher("not base64 at all!", null))
                .hasMessageContaining("GATEHOUSE_MASTER_KEY")
                .hasMessageContaining("base64")
                .hasMessageNotContaining("not base64 at all!");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new AesGcmSecretCipher(shortKey, null))
                .hasMessageContaining("GATEHOUSE_MASTER_KEY")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new AesGcmSecretCipher(key, List.of(shortKey)))
                .hasMessageContaining("GATEHOUSE_PREVIOUS_MASTER_KEYS")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void applicationDoesNotStartWithoutAMasterKey() {
        assertThatThrownBy(() ->
                        ApplicationContext.run(Map.of("gatehouse.app-id", "x")).close())
                .hasMessageContaining("GATEHOUSE_MASTER_KEY");
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("gatehouse.master-key", newKey(), "gatehouse.previous-master-keys", key))) {
            AesGcmSecretCipher fromConfig = context.getBean(AesGcmSecretCipher.class);
            assertThat(fromConfig.open(cipher.seal(PLAIN))).isEqualTo(PLAIN);
        }
    }
}
