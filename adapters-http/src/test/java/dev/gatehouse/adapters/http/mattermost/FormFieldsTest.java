package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

    private static Map<String, String> parse(String form) {
        return FormFields.parse(form.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesWhatMattermostSends() {
        assertThat(parse("token=abc&team_id=t1&text=info+now&user_name=%C3%A9lodie&response_url=https%3A%2F%2Fx%2Fh"))
                .containsEntry("token", "abc")
                .containsEntry("team_id", "t1")
                .containsEntry("text", "info now")
                .containsEntry("user_name", "élodie")
                .containsEntry("response_url", "https://x/h");
    }

    @Test
    void keepsTheFirstOfARepeatedNameEmptyValuesAndDropsWhatDoesNotDecode() {
        assertThat(parse("text=first&text=second")).containsEntry("text", "first");
        assertThat(parse("text=&token=x")).containsEntry("text", "").containsEntry("token", "x");
        assertThat(parse("text=%zz&token=x")).doesNotContainKey("text").containsEntry("token", "x");
        assertThat(parse("novalue&=nameless&&token=x")).containsOnlyKeys("token");
        assertThat(FormFields.parse(null)).isEmpty();
        assertThat(parse("")).isEmpty();
    }

    @Test
    void keepsOnlyTheNamesAskedForEvenWhenTheOthersDoNotDecode() {
        byte[] form = "token=abc&response_url=%zz&te%78t=a+b%21&command=%2Fhello".getBytes(StandardCharsets.UTF_8);
        assertThat(FormFields.parse(form, java.util.Set.of("token", "text")))
                .containsOnly(Map.entry("token", "abc"), Map.entry("text", "a b!"));
    }
}
