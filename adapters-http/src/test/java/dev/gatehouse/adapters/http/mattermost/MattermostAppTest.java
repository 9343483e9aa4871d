package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MattermostAppTest {

    @Test
    void anInvalidAppIdStopsTheStartUpNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("gatehouse.app-id", "hello jwt"))
                        .close())
                .hasStackTraceContaining("gatehouse.app-id")
                .hasStackTraceContaining("3 to 32 characters");
    }

    @Test
    void theAppIdIsConfigurableAndTheVersionFitsMattermost() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("gatehouse.app-id", "acme.app"))) {
            MattermostApp app = context.getBean(MattermostApp.class);
            assertThat(app.appId().value()).isEqualTo("acme.app");
            // "v" + the Maven project version, without -SNAPSHOT, and short enough for Mattermost (AppVersion checks)
            String build = System.getProperty("gatehouse.build.version");
            assertThat(build).as("set by surefire from ${project.version}").isNotBlank();
            assertThat(app.version().value()).isEqualTo("v" + build.replace("-SNAPSHOT", ""));
        }
    }
}
