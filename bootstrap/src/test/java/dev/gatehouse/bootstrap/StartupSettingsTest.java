package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StartupSettingsTest {

    @Test
    void anExternalDatabaseWithoutAMasterKeyIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> StartupSettings.resolve(
                        new String[] {"--datasources.default.url=jdbc:postgresql://127.0.0.1:5432/x"}))
                .isInstanceOf(StartupSettings.MisconfiguredException.class)
                .hasMessageContaining("GATEHOUSE_MASTER_KEY");
    }

    @Test
    void anExternalDatabaseWithoutAnAdminSecretIsAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> StartupSettings.resolve(new String[] {
                    "--datasources.default.url=jdbc:postgresql://127.0.0.1:5432/x",
                    "--gatehouse.master-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
                }))
                .isInstanceOf(StartupSettings.MisconfiguredException.class)
                .hasMessageContaining("GATEHOUSE_ADMIN_JWT_SECRET");
    }
}
