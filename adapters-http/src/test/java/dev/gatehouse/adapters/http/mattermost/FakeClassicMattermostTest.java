package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake plays Mattermost calling an integration exactly as CLASSIC.md §1 and app/command.go describe. */
class FakeClassicMattermostTest {

    private record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {}

    private final FakeClassicMattermost classic = new FakeClassicMattermost();
    private final InMemoryMattermostServer server = classic.server();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer integration = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    private final MattermostTeam team = server.addTeam("eng");
    private final MattermostUser alice = server.addUser("alice");
    private final InMemoryMattermostServer.Command command =
            server.addCommand(team.id(), "hello-jwt", "http://127.0.0.1/i/abc/command");

    FakeClassicMattermostTest() throws IOException {
        integration.createContext("/", exchange -> {
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    FakeHttp.body(exchange)));
            FakeHttp.respond(exchange, 200, "{\"response_type\":\"ephemeral\",\"text\":\"ok\"}");
        });
        integration.start();
    }

    @AfterEach
    void stop() {
        integration.stop(0);
        classic.close();
    }

    private URI at(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + integration.getAddress().getPort() + pathAndQuery);
    }

    @Test
    void aCommandIsAFormPostWithTheCommandTokenInTheHeaderAndTheBody() throws Exception {
        FakeClassicMattermost.SlashCommand slash = classic.slashCommand(team.id(), "hello-jwt", alice.id(), "send now");

        assertThat(classic.post(at("/i/abc/command"), slash).statusCode()).isEqualTo(200);

        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/i/abc/command");
        assertThat(header(request, "Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(header(request, "Accept")).isEqualTo("application/json");
        assertThat(header(request, "Authorization")).isEqualTo("Token " + command.token());
        Map<String, String> fields = form(request.body());
        assertThat(fields)
                .containsOnlyKeys(
                        "token",
                        "team_id",
                        "team_domain",
                        "channel_id",
                        "channel_name",
                        "user_id",
                        "user_name",
                        "command",
                        "text",
                        "trigger_id",
                        "response_url")
                .containsEntry("token", command.token())
                .containsEntry("team_id", team.id())
                .containsEntry("team_domain", "eng")
                .containsEntry("user_id", alice.id())
                .containsEntry("user_name", "alice")
                .containsEntry("command", "/hello-jwt")
                .containsEntry("text", "send now");
        assertThat(command.token()).matches("[a-z0-9]{26}");
        assertThat(fields.get("channel_id")).matches("[a-z0-9]{26}");
        assertThat(fields.get("response_url")).startsWith(classic.url() + "/hooks/commands/");
    }

    @Test
    void theTriggerIdOfACommandOpensADialogForItsUser() throws Exception {
        FakeClassicMattermost.SlashCommand slash =
                classic.slashCommand(team.id(), "hello-jwt", alice.id(), "configure");
        classic.post(at("/i/abc/command"), slash);

        server.openDialog(new Dialog(
                form(received.get(0).body()).get("trigger_id"),
                "https://gatehouse.example.com/i/abc/dialog",
                "configure",
                "Configure",
                List.of(),
                "Save",
                "state"));

        assertThat(server.dialogs())
                .singleElement()
                .satisfies(opened -> assertThat(opened.userId()).isEqualTo(alice.id()));
    }

    @Test
    void aGetCommandCarriesTheSameFieldsInTheQueryAfterTheUrlsOwn() throws Exception {
        FakeClassicMattermost.SlashCommand slash = classic.slashCommand(team.id(), "hello-jwt", alice.id(), "info");

        classic.get(at("/i/abc/command?source=mm"), slash);

        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.body()).isEmpty();
        assertThat(request.headers()).doesNotContainKey("Content-type");
        assertThat(header(request, "Authorization")).isEqualTo("Token " + command.token());
        assertThat(request.query()).startsWith("source=mm&");
        assertThat(form(request.query()))
                .containsEntry("source", "mm")
                .containsEntry("text", "info")
                .containsEntry("token", command.token());
    }

    @Test
    void aDialogSubmissionIsJsonWithoutAnyAuthorization() throws Exception {
        String triggerId = server.issueTrigger(alice.id());
        server.openDialog(new Dialog(
                triggerId,
                at("/i/abc/dialog").toString(),
                "configure",
                "Configure",
                List.of(new Dialog.Element("Client ID", "client_id", false, false, null)),
                "Save",
                "signed.state"));

        FakeClassicMattermost.DialogSubmission submission =
                classic.lastDialogSubmission(team.id(), Map.of("client_id", "abc"));
        classic.submit(classic.lastDialogUrl(), submission);

        Received request = received.get(0);
        assertThat(request.path()).isEqualTo("/i/abc/dialog");
        assertThat(request.headers()).doesNotContainKey("Authorization");
        assertThat(header(request, "Content-Type")).isEqualTo("application/json");
        Map<String, Object> body =
                JsonMapper.createDefault().readValue(request.body(), Argument.mapOf(String.class, Object.class));
        assertThat(body)
                .containsOnlyKeys(
                        "type", "callback_id", "state", "user_id", "channel_id", "team_id", "submission", "cancelled")
                .containsEntry("type", "dialog_submission")
                .containsEntry("callback_id", "configure")
                .containsEntry("state", "signed.state")
                .containsEntry("user_id", alice.id())
                .containsEntry("team_id", team.id())
                .containsEntry("submission", Map.of("client_id", "abc"))
                .containsEntry("cancelled", false);
    }

    private static String header(Received request, String name) {
        return request.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(header -> String.join(",", header.getValue()))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
