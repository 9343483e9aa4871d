package dev.gatehouse.domain.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallContextTest {

    @Test
    void toStringNamesValuesButNeverShowsSecretsOrTokens() {
        CallContext context = new CallContext(
                "https://chat.example.com",
                "bot1",
                "bot-token-1",
                new ActingUser("u1", "a", ""),
                "user-token-1",
                new OAuth2Context(
                        Stored.of(new OAuth2ClientCredentials("client-1", "client-secret-1")),
                        "https://c",
                        "https://d",
                        Stored.of(new OAuth2Token("access-1", "refresh-1", Instant.EPOCH))),
                Map.of("client_secret", "typed-secret-1", "code", "code-1"));
        String text = context.toString();
        assertThat(text).contains("client_secret").contains("code").contains("client-1");
        for (String secret : new String[] {
            "bot-token-1", "user-token-1", "client-secret-1", "access-1", "refresh-1", "typed-secret-1", "code-1"
        }) {
            assertThat(text).doesNotContain(secret);
        }
    }

    @Test
    void valuesAreStrippedAndBlankOnesAreMissing() {
        CallContext context = new CallContext(null, null, null, null, null, null, Map.of("a", " x ", "b", "  "));
        assertThat(context.value("a")).contains("x");
        assertThat(context.value("b")).isEmpty();
        assertThat(context.value("c")).isEmpty();
        assertThat(context.oauth2()).isEqualTo(OAuth2Context.none());
    }

    @Test
    void storedValuesTellAbsentFromUnreadable() {
        assertThat(Stored.<String>absent().present()).isEmpty();
        assertThat(Stored.<String>unreadable("wrong key").present()).isEmpty();
        assertThat(Stored.of("x").present()).contains("x");
        assertThat(Stored.<String>unreadable("wrong key")).isNotEqualTo(Stored.absent());
    }
}
