package dev.gatehouse.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.domain.call.CallTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminJwtSignatureTest {

    @Test
    void aShortKeyIsAStartupErrorNamingTheVariable() {
        assertThatThrownBy(() -> new AdminJwtSignature().adminSignature(new AdminConfiguration("too-short", null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GATEHOUSE_ADMIN_JWT_SECRET")
                .hasMessageContaining("32")
                .message()
                .doesNotContain("too-short");
    }

    @Test
    void aMissingKeyIsAStartupErrorNamingTheVariable() {
        assertThatThrownBy(() -> new AdminJwtSignature().adminSignature(new AdminConfiguration("", null)))
                .hasMessageContaining("GATEHOUSE_ADMIN_JWT_SECRET");
    }

    @Test
    void theContextRefusesToStartWithAShortKey() {
        assertThatThrownBy(() -> {
                    try (ApplicationContext ignored =
                            ApplicationContext.run(Map.of(AdminConfiguration.JWT_SECRET, "short"), "no-such-env")) {
                        // started: that is the failure
                    }
                })
                .hasStackTraceContaining("GATEHOUSE_ADMIN_JWT_SECRET");
    }

    @Test
    void aKeyOf32CharactersIsAccepted() {
        assertThat(new AdminJwtSignature()
                        .adminSignature(new AdminConfiguration("k".repeat(32), null))
                        .supportedAlgorithmsMessage())
                .contains("HS256");
    }

    @Test
    void verifiesHs256OnlyEvenWhenTheKeyIsLongEnoughForLargerHmacs() throws Exception {
        String key = "k".repeat(64); // long enough for HS512, so only the algorithm check refuses
        SignatureConfiguration signature = new AdminJwtSignature().adminSignature(new AdminConfiguration(key, null));
        for (String[] algorithm : new String[][] {{"HS384", "HmacSHA384"}, {"HS512", "HmacSHA512"}}) {
            SignedJWT token = SignedJWT.parse(CallTokens.sign(
                    "{\"alg\":\"" + algorithm[0] + "\"}",
                    "{\"sub\":\"alice\",\"roles\":[\"ADMIN\"]}",
                    key.getBytes(StandardCharsets.UTF_8),
                    algorithm[1]));
            assertThat(signature.supports(token.getHeader().getAlgorithm()))
                    .as(algorithm[0])
                    .isFalse();
            assertThat(signature.verify(token)).as(algorithm[0]).isFalse();
        }
        SignedJWT hs256 = SignedJWT.parse(CallTokens.sign(
                "{\"alg\":\"HS256\"}",
                "{\"sub\":\"alice\",\"roles\":[\"ADMIN\"]}",
                key.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        assertThat(signature.supports(JWSAlgorithm.HS256)).isTrue();
        assertThat(signature.verify(hs256)).isTrue();
    }
}
