package dev.gatehouse.adapters.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SecretOwner;
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
    private static final InstallationId A = InstallationId.random();
    private static final InstallationId B = InstallationId.random();
    private static final SecretOwner USER_TOKEN_A_U1 = SecretOwner.userToken(A, "u1");
    private static final SecretOwner OWNER = SecretOwner.installationSecret(A);

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void opensWhatItSealed() {
        assertThat(cipher.open(cipher.seal(PLAIN, OWNER), OWNER)).isEqualTo(PLAIN);
        assertThat(cipher.open(cipher.seal("ünïcödé ✓", OWNER), OWNER)).isEqualTo("ünïcödé ✓");
    }

    @Test
    void sealedTextIsVersionedNamesTheKeyAndHidesThePlaintext() {
        String sealed = cipher.seal(PLAIN, OWNER);
        assertThat(sealed).matches("gh3\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]+").startsWith(cipher.currentPrefix());
        assertThat(cipher.isCurrent(sealed)).isTrue();
        assertThat(sealed.split("\\.")[1]).isEqualTo(cipher.currentKeyId());
        assertThat(sealed).doesNotContain(PLAIN);
        assertThat(sealed)
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(PLAIN.getBytes()));
    }

    @Test
    void aValueOpensOnlyForItsInstallationUserAndPurpose() {
        String token = cipher.seal(PLAIN, USER_TOKEN_A_U1);
        assertThat(cipher.open(token, USER_TOKEN_A_U1)).isEqualTo(PLAIN);
        for (SecretOwner other : List.of(
                SecretOwner.userToken(B, "u1"), // another installation
                SecretOwner.userToken(A, "u2"), // another user
                SecretOwner.clientSecret(A), // another purpose
                SecretOwner.botToken(A),
                SecretOwner.installationSecret(A))) {
            assertThatThrownBy(() -> cipher.open(token, other))
                    .as(other.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("belongs to someone else")
                    .hasMessageNotContaining(PLAIN)
                    .hasMessageNotContaining(token);
        }
        String client = cipher.seal(PLAIN, SecretOwner.clientSecret(A));
        assertThatThrownBy(() -> cipher.open(client, SecretOwner.clientSecret(B)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(client, SecretOwner.installationSecret(A)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOwnerEncodingIsUnambiguous() {
        // user ids that a separator-joined encoding could confuse with one another
        String sealed = cipher.seal(PLAIN, SecretOwner.userToken(A, "u1|oauth2-token"));
        assertThatThrownBy(() -> cipher.open(sealed, SecretOwner.userToken(A, "u1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AesGcmSecretCipher.associatedData("gh3", "abcdef01", SecretOwner.userToken(A, "u1\0x")))
                .isNotEqualTo(AesGcmSecretCipher.associatedData("gh3", "abcdef01", SecretOwner.userToken(A, "u1")));
    }

    @Test
    void theOldUnboundFormatIsRefusedUnlessTheMigrationSettingIsOn() {
        String old = cipher.sealUnbound(PLAIN);
        assertThat(old).startsWith("gh1." + cipher.currentKeyId() + ".");
        assertThat(cipher.isCurrent(old)).isFalse();
        assertThatThrownBy(() -> cipher.open(old, OWNER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gh1")
                .hasMessageContaining("GATEHOUSE_SECRETS_ACCEPT_UNBOUND")
                .hasMessageContaining("secrets reseal")
                .hasMessageNotContaining(old)
                .hasMessageNotContaining(PLAIN);

        AesGcmSecretCipher migrating = new AesGcmSecretCipher(key, null, true);
        assertThat(migrating.open(old, OWNER)).isEqualTo(PLAIN);
        assertThat(migrating.isCurrent(old)).isFalse();
        assertThat(migrating.toString()).contains("acceptUnbound=true");
    }

    @Test
    void theLabelledGh2FormatStillOpensForItsOwnerOnly() {
        for (SecretOwner owner :
                List.of(SecretOwner.botToken(A), SecretOwner.clientSecret(A), SecretOwner.userToken(A, "u1"))) {
            String gh2 = labelled(owner, PLAIN);
            assertThat(cipher.open(gh2, owner)).isEqualTo(PLAIN);
            assertThat(cipher.isCurrent(gh2)).isFalse();
        }
        String gh2 = labelled(SecretOwner.userToken(A, "u1"), PLAIN);
        assertThatThrownBy(() -> cipher.open(gh2, SecretOwner.userToken(B, "u1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(gh2, SecretOwner.userToken(A, "u2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.open(gh2, SecretOwner.installationSecret(A)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A gh2 value as the slash-command ingress sealed it before gh3: the owner label after a NUL. */
    private String labelled(SecretOwner owner, String plaintext) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            aes.updateAAD(("gh2." + cipher.currentKeyId() + "\0" + AesGcmSecretCipher.ownerLabel(owner))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] ciphertext = aes.doFinal(plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] out = new byte[12 + ciphertext.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(ciphertext, 0, out, 12, ciphertext.length);
            return "gh2." + cipher.currentKeyId() + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aVersionSwappedIntoAnotherValueIsRefused() {
        AesGcmSecretCipher migrating = new AesGcmSecretCipher(key, null, true);
        String sealed = migrating.seal(PLAIN, OWNER);
        String asGh1 = "gh1" + sealed.substring(3);
        String asGh2 = "gh2" + sealed.substring(3);
        assertThatThrownBy(() -> migrating.open(asGh1, OWNER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> migrating.open(asGh2, OWNER)).isInstanceOf(IllegalArgumentException.class);
        String unbound = migrating.sealUnbound(PLAIN);
        assertThatThrownBy(() -> migrating.open("gh3" + unbound.substring(3), OWNER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesAFreshNonceForEverySeal() {
        String first = cipher.seal(PLAIN, OWNER);
        String second = cipher.seal(PLAIN, OWNER);
        assertThat(first).isNotEqualTo(second);
        byte[] a = Base64.getUrlDecoder().decode(first.split("\\.")[2]);
        byte[] b = Base64.getUrlDecoder().decode(second.split("\\.")[2]);
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
    }

    @Test
    void refusesAlteredCiphertextWithoutEchoingIt() {
        String sealed = cipher.seal(PLAIN, OWNER);
        byte[] data = Base64.getUrlDecoder().decode(sealed.split("\\.")[2]);
        data[data.length - 1] ^= 1;
        String tampered = sealed.substring(0, sealed.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        assertThatThrownBy(() -> cipher.open(tampered, OWNER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authentication")
                .hasMessageNotContaining(tampered)
                .hasMessageNotContaining(PLAIN);
    }

    @Test
    void refusesAKeyIdSwappedIntoAnotherValue() {
        AesGcmSecretCipher twoKeys = new AesGcmSecretCipher(newKey(), List.of(key));
        String sealedWithOld = cipher.seal(PLAIN, OWNER);
        String relabelled = "gh3." + twoKeys.currentKeyId() + sealedWithOld.substring(sealedWithOld.lastIndexOf('.'));
        assertThatThrownBy(() -> twoKeys.open(relabelled, OWNER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesValuesSealedWithAnUnknownKey() {
        String sealed = new AesGcmSecretCipher(newKey(), null).seal(PLAIN, OWNER);
        assertThatThrownBy(() -> cipher.open(sealed, OWNER))
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
                "gh3." + PLAIN,
                "gh3.abcdef01.AAAA",
                "gh2.abcdef01.AAAA",
                "gh3.zz.AAAA",
                "gh3." + cipher.currentKeyId() + ".!!not-base64!!",
                "gh3." + cipher.currentKeyId() + ".AAAA")) {
            assertThatThrownBy(() -> cipher.open(bad, OWNER))
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
        String sealedBeforeRotation = cipher.seal(PLAIN, OWNER);
        AesGcmSecretCipher rotated = new AesGcmSecretCipher(newKey(), List.of(key));

        assertThat(rotated.open(sealedBeforeRotation, OWNER)).isEqualTo(PLAIN);
        assertThat(rotated.isCurrent(sealedBeforeRotation)).isFalse(); // under a retired key: to be re-sealed
        String resealed = rotated.seal(PLAIN, OWNER);
        assertThat(resealed.split("\\.")[1]).isEqualTo(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
        assertThatThrownBy(() -> cipher.open(resealed, OWNER)).isInstanceOf(IllegalArgumentException.class);
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
        assertThatThrownBy(() -> new AesGcmSecretCipher((String) null, null))
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
            assertThat(fromConfig.open(cipher.seal(PLAIN, OWNER), OWNER)).isEqualTo(PLAIN);
            assertThatThrownBy(() -> fromConfig.open(cipher.sealUnbound(PLAIN), OWNER))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("gatehouse.master-key", key, "gatehouse.secrets.accept-unbound", "true"))) {
            assertThat(context.getBean(AesGcmSecretCipher.class).open(cipher.sealUnbound(PLAIN), OWNER))
                    .isEqualTo(PLAIN);
        }
    }
}
