package dev.gatehouse.domain.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteUrlTest {

    @ParameterizedTest
    @CsvSource({
        "https://chat.example.com,https://chat.example.com",
        "https://chat.example.com/,https://chat.example.com",
        "HTTPS://Chat.Example.COM,https://chat.example.com",
        "https://chat.example.com:443,https://chat.example.com",
        "http://chat.example.com:80/,http://chat.example.com",
        "http://chat.example.com:8065,http://chat.example.com:8065",
        "https://example.com/mattermost/,https://example.com/mattermost",
        "https://example.com/mattermost///,https://example.com/mattermost",
        "' https://chat.example.com ',https://chat.example.com",
        "http://127.0.0.1:8065,http://127.0.0.1:8065",
    })
    void normalises(String raw, String expected) {
        assertThat(SiteUrl.of(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://chat.example.com,http:// or https://",
        "chat.example.com,http:// or https://",
        "https://user:pw@chat.example.com,user name or password",
        "https://chat.example.com/?x=1,query",
        "https://chat.example.com/#top,fragment",
        "'https:///path',host",
        "'',required",
        "'https://exa mple.com',not a valid URL",
        "https://chat.example.com:0,1 to 65535",
        "https://chat.example.com:65536,1 to 65535",
        "http://10.0.0.1:99999/internal,1 to 65535",
    })
    void rejectsWithAClearMessage(String raw, String messagePart) {
        assertThatThrownBy(() -> SiteUrl.of(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @org.junit.jupiter.api.Test
    void refusalsNameTheValueAsTheCallerSpellsIt() {
        assertThatThrownBy(() -> SiteUrl.of("ftp://chat.example.com"))
                .hasMessage("site URL must start with http:// or https://");
        assertThatThrownBy(() -> SiteUrl.of("ftp://chat.example.com", "site_url"))
                .hasMessage("site_url must start with http:// or https://");
        assertThatThrownBy(() -> SiteUrl.of(" ", "api_url")).hasMessageStartingWith("api_url is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://chat.example.com/", "HTTPS://chat.example.com"})
    void constructorRefusesUnnormalisedValues(String raw) {
        assertThatThrownBy(() -> new SiteUrl(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void namesTheServerWhateverTheScheme() {
        assertThat(SiteUrl.of("http://Chat.example.com:8065/mm/").server()).isEqualTo("chat.example.com:8065/mm");
        assertThat(SiteUrl.of("https://chat.example.com").server())
                .isEqualTo(SiteUrl.of("http://chat.example.com").server());
    }

    @org.junit.jupiter.api.Test
    void resolvesAbsolutePaths() {
        assertThat(SiteUrl.of("https://example.com/mm").resolve("/api/v4/posts").toString())
                .isEqualTo("https://example.com/mm/api/v4/posts");
    }
}
