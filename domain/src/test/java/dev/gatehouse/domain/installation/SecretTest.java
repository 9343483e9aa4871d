package dev.gatehouse.domain.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void generatedSecretsAre32RandomBytesInBase64Url() {
        Secret a = Secret.generate();
        Secret b = Secret.generate();
        assertThat(a.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(a.matches(b)).isFalse();
        assertThat(a.isWeak()).isFalse();
    }

    @Test
    void toStringNeverRevealsTheValue() {
        Secret secret = new Secret("super-secret-value-that-must-not-leak");
        assertThat(secret.toString()).doesNotContain("super-secret");
        assertThat(new PreviousSecret(secret, InstallationFixtures.T0).toString())
                .doesNotContain("super-secret");
    }

    @Test
    void shortSecretsAreWeak() {
        assertThat(new Secret("1234").isWeak()).isTrue();
        assertThat(new Secret("x".repeat(32)).isWeak()).isFalse();
    }

    @Test
    void comparesByValue() {
        assertThat(new Secret("abcd").matches(new Secret("abcd"))).isTrue();
        assertThat(new Secret("abcd").matches(new Secret("abce"))).isFalse();
        assertThat(new Secret("abcd")).isEqualTo(new Secret("abcd"));
    }

    @Test
    void refusesEmptyOrPaddedSecrets() {
        assertThatThrownBy(() -> new Secret("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Secret(" abc ")).hasMessageContaining("white space");
    }

    @Test
    void refusesNulAndControlCharacters() {
        assertThatThrownBy(() -> new Secret("\0\0\0\0")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new Secret("abc\u0000def".repeat(4))).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new Secret("abc\u001Bdef\u007Fxyz".repeat(4)))
                .hasMessageContaining("control characters");
    }
}
