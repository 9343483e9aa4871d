package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.ServerSetting;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpMattermost} on a server without the Apps plugin, as the slash-command ingress uses it: with the bot access
 * token provisioning made, it DMs a user, reads a user's roles and opens a dialog in the JSON Mattermost reads.
 */
class HttpMattermostOnClassicServerTest {

    private final FakeClassicMattermost classic = new FakeClassicMattermost();
    private final InMemoryMattermostServer server = classic.server();
    private final HttpClient client = HttpClient.create(null, new MattermostClientConfiguration());
    private final MattermostRest rest = new MattermostRest(client, new CallMetrics(new SimpleMeterRegistry()));
    private final HttpMattermost mattermost = new HttpMattermost(rest, null);
    private final HttpMattermostProvisioning provisioning = new HttpMattermostProvisioning(rest);
    private final JsonMapper json = JsonMapper.createDefault();

    HttpMattermostOnClassicServerTest() throws IOException {}

    @AfterEach
    void stop() {
        client.close();
        classic.close();
    }

    private record Provisioned(MattermostSession bot, String botUserId, MattermostUser root, MattermostUser alice) {}

    /** An admin provisions the bot over HTTP; its access token is the bot's session from then on. */
    private Provisioned provisioned() {
        MattermostUser root = server.addAdmin("root");
        MattermostUser alice = server.addUser("alice");
        MattermostSession admin = new MattermostSession(classic.siteUrl(), server.login(root.id()));
        provisioning.enable(admin, provisioning.settingsOff(admin));
        String botUserId = provisioning.createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse");
        IssuedToken token = provisioning.createUserAccessToken(admin, botUserId, "Gatehouse");
        return new Provisioned(new MattermostSession(classic.siteUrl(), token.token()), botUserId, root, alice);
    }

    @Test
    void theBotDmsAUser() {
        Provisioned p = provisioned();
        mattermost.sendDirectMessage(p.bot(), p.botUserId(), p.alice().id(), "JWT check ok");
        assertThat(server.directMessages(p.botUserId(), p.alice().id())).containsExactly("JWT check ok");
    }

    @Test
    void theBotReadsWhoIsASystemAdmin() {
        Provisioned p = provisioned();
        assertThat(mattermost.user(p.bot(), p.root().id()).isSystemAdmin()).isTrue();
        assertThat(mattermost.user(p.bot(), p.alice().id()).isSystemAdmin()).isFalse();
        assertThat(mattermost.user(p.bot(), "me").bot()).isTrue();
    }

    @Test
    void aDialogGoesOutAsMattermostReadsItAPasswordFieldForTheSecret() throws IOException {
        Provisioned p = provisioned();
        Dialog dialog = new Dialog(
                server.issueTrigger(p.root().id()),
                "https://gatehouse.example.com/i/abc/dialog",
                "configure",
                "Configure OAuth2",
                List.of(
                        new Dialog.Element("Client ID", "client_id", false, false, "From your provider"),
                        new Dialog.Element("Client secret", "client_secret", true, true, null)),
                "Save",
                "signed.state");

        mattermost.openDialog(p.bot(), dialog);

        assertThat(server.dialogs()).singleElement().satisfies(opened -> {
            assertThat(opened.userId()).isEqualTo(p.root().id());
            assertThat(opened.dialog()).isEqualTo(dialog);
        });
        Map<String, Object> sent =
                json.readValue(classic.dialogRequests().get(0), Argument.mapOf(String.class, Object.class));
        assertThat(sent).containsOnlyKeys("trigger_id", "url", "dialog");
        assertThat(sent.get("trigger_id")).isEqualTo(dialog.triggerId());
        assertThat(sent.get("url")).isEqualTo("https://gatehouse.example.com/i/abc/dialog");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) sent.get("dialog");
        assertThat(body)
                .containsEntry("callback_id", "configure")
                .containsEntry("title", "Configure OAuth2")
                .containsEntry("submit_label", "Save")
                .containsEntry("notify_on_cancel", true)
                .containsEntry("state", "signed.state");
        List<?> elements = (List<?>) body.get("elements");
        assertThat(elements.get(0))
                .isEqualTo(Map.of(
                        "display_name", "Client ID",
                        "name", "client_id",
                        "type", "text",
                        "optional", false,
                        "help_text", "From your provider"));
        assertThat(elements.get(1))
                .isEqualTo(Map.of(
                        "display_name", "Client secret",
                        "name", "client_secret",
                        "type", "text",
                        "subtype", "password",
                        "optional", true));
    }

    @Test
    void aBotTokenKeepsWorkingWhenPersonalAccessTokensAreTurnedOffAgain() {
        Provisioned p = provisioned();
        server.turnOff(ServerSetting.ENABLE_USER_ACCESS_TOKENS);
        assertThat(mattermost.user(p.bot(), "me").id()).isEqualTo(p.botUserId());
    }
}
