package dev.gatehouse.domain.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingTest {

    @Test
    void needsExactlyOneOfSubmitFormOrBindings() {
        AppCall call = AppCall.to("/send");
        Form form = new Form("t", null, call, List.of());
        assertThatThrownBy(() -> new Binding("x", "x", null, null, null, null, null, null))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Binding("x", "x", null, null, null, call, form, null))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Binding("x", "x", null, null, null, call, null, List.of()))
                .hasMessageContaining("exactly one");
        assertThat(Binding.command("x", "d", call).submit()).isEqualTo(call);
    }

    @Test
    void commandLabelsAreSingleWords() {
        assertThatThrownBy(() -> Binding.command("two words", "d", AppCall.to("/x")))
                .hasMessageContaining("single word");
    }

    @Test
    void expandAcceptsOnlyTheLevelsMattermostKnows() {
        assertThat(AppCall.to("/x", Map.of("acting_user", "+summary", "oauth2_app", "all"))
                        .expand())
                .hasSize(2);
        assertThatThrownBy(() -> AppCall.to("/x", Map.of("acting_user", "none")))
                .hasMessageContaining("id, summary or all");
        assertThatThrownBy(() -> AppCall.to("/x", Map.of("everything", "all")))
                .hasMessageContaining("unknown expand key");
        assertThatThrownBy(() -> AppCall.to("x")).hasMessageContaining("start with '/'");
    }

    @Test
    void appIdAndVersionFollowMattermostsRules() {
        assertThat(new AppId("hello-jwt").value()).isEqualTo("hello-jwt");
        assertThatThrownBy(() -> new AppId("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppId("a".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppId("hello jwt")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AppVersion("v00_00_000").value()).hasSize(10);
        assertThatThrownBy(() -> new AppVersion("1.0.0-SNAPSHOT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppVersion("v1.0+x")).isInstanceOf(IllegalArgumentException.class);
    }
}
