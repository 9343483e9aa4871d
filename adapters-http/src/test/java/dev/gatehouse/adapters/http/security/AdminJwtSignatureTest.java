package dev.gatehouse.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
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
}
