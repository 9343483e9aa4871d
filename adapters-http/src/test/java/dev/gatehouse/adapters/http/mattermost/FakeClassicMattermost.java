package dev.gatehouse.adapters.http.mattermost;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Mattermost server <em>without</em> the Apps plugin, over real HTTP (CLASSIC.md §1). Its REST API
 * ({@link MattermostRestApi}) is an {@link InMemoryMattermostServer}: users, login sessions and user access tokens,
 * teams, bots, custom slash commands per team with 26-character tokens, the three settings as a stock server has them,
 * trigger ids and {@code dialogs/open}, direct channels and posts. Arrange and read it through {@link #server()}.
 *
 * <p>It is also the client of the slash-command ingress, sending exactly what Mattermost sends: a command as a form
 * POST ({@link #post}) or a GET with the same fields in the query ({@link #get}), with {@code Authorization: Token …}
 * and {@code Accept: application/json}; and a dialog submission ({@link #submit}) as JSON with no auth header at all.
 */
public final class FakeClassicMattermost implements AutoCloseable {

    /**
     * A slash command request, the fields {@code app/command.go} (ExecuteCommand) sets: no {@code root_id} — Mattermost
     * keeps it for the post it makes of the response — and no mention fields (this fake's texts mention nobody).
     */
    public record SlashCommand(
            String token,
            String teamId,
            String teamDomain,
            String channelId,
            String channelName,
            String userId,
            String userName,
            String command,
            String text,
            String triggerId,
            String responseUrl) {

        public SlashCommand withToken(String token) {
            return new SlashCommand(
                    token,
                    teamId,
                    teamDomain,
                    channelId,
                    channelName,
                    userId,
                    userName,
                    command,
                    text,
                    triggerId,
                    responseUrl);
        }

        public SlashCommand withTeamId(String teamId) {
            return new SlashCommand(
                    token,
                    teamId,
                    teamDomain,
                    channelId,
                    channelName,
                    userId,
                    userName,
                    command,
                    text,
                    triggerId,
                    responseUrl);
        }

        public SlashCommand withText(String text) {
            return new SlashCommand(
                    token,
                    teamId,
                    teamDomain,
                    channelId,
                    channelName,
                    userId,
                    userName,
                    command,
                    text,
                    triggerId,
                    responseUrl);
        }

        /** The fields in Mattermost's order, form-encoded (the POST body, or the GET query). */
        public String form() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("channel_id", channelId);
            fields.put("channel_name", channelName);
            fields.put("command", command);
            fields.put("response_url", responseUrl);
            fields.put("team_domain", teamDomain);
            fields.put("team_id", teamId);
            fields.put("text", text);
            fields.put("token", token);
            fields.put("trigger_id", triggerId);
            fields.put("user_id", userId);
            fields.put("user_name", userName);
            StringJoiner form = new StringJoiner("&");
            fields.forEach((name, value) -> form.add(encode(name) + "=" + encode(value == null ? "" : value)));
            return form.toString();
        }

        @Override
        public String toString() {
            return "SlashCommand[teamId=" + teamId + ", userId=" + userId + ", command=" + command + ", text=" + text
                    + ", token=redacted]";
        }
    }

    /** What Mattermost posts to a dialog's URL on submit ({@code model.SubmitDialogRequest}). */
    public record DialogSubmission(
            String callbackId,
            String state,
            String userId,
            String channelId,
            String teamId,
            Map<String, Object> submission,
            boolean cancelled) {

        public DialogSubmission {
            submission = Map.copyOf(submission);
        }

        public DialogSubmission withUserId(String userId) {
            return new DialogSubmission(callbackId, state, userId, channelId, teamId, submission, cancelled);
        }

        public DialogSubmission withState(String state) {
            return new DialogSubmission(callbackId, state, userId, channelId, teamId, submission, cancelled);
        }

        /** As Mattermost sends it when the user cancels a dialog opened with {@code notify_on_cancel}. */
        public DialogSubmission cancel() {
            return new DialogSubmission(callbackId, state, userId, channelId, teamId, Map.of(), true);
        }

        @Override
        public String toString() {
            return "DialogSubmission[callbackId=" + callbackId + ", userId=" + userId + ", fields="
                    + submission.keySet() + ", cancelled=" + cancelled + ", state=redacted]";
        }
    }

    private final InMemoryMattermostServer server;
    private final MattermostRestApi api;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.createDefault();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile FakeMattermost.Mode mode = FakeMattermost.Mode.OK;

    public FakeClassicMattermost() throws IOException {
        this(new InMemoryMattermostServer());
    }

    public FakeClassicMattermost(InMemoryMattermostServer server) throws IOException {
        this.server = server;
        this.api = new MattermostRestApi(server);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(executor);
        http.createContext("/api/v4/", exchange -> {
            requests.incrementAndGet();
            if (!FakeHttp.answeredByMode(exchange, mode)) {
                api.handle(exchange);
            }
        });
        http.start();
    }

    /** The server behind the HTTP API: arrange teams, users, settings; read bots, tokens, commands, dialogs, posts. */
    public InMemoryMattermostServer server() {
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public SiteUrl siteUrl() {
        return SiteUrl.of(url());
    }

    /** OK answers; FAIL_500 answers every API request with 500; SLOW answers after 3 s. */
    public void mode(FakeMattermost.Mode mode) {
        this.mode = mode;
    }

    /** API requests received. */
    public int requests() {
        return requests.get();
    }

    /** The JSON bodies {@code dialogs/open} received, oldest first, as sent. */
    public List<String> dialogRequests() {
        return api.dialogRequests();
    }

    // ---- the client of the slash-command ingress, as Mattermost ----

    /**
     * The request Mattermost makes when {@code userId} types {@code /<trigger> <text>} in a channel of the team: the
     * team's command with that trigger (its token), a fresh trigger id, a response URL on this server.
     */
    public SlashCommand slashCommand(String teamId, String trigger, String userId, String text) {
        InMemoryMattermostServer.Command command = server.commandsOf(teamId).stream()
                .filter(candidate -> candidate.trigger().equals(trigger))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no /" + trigger + " in team " + teamId));
        MattermostUser user = server.userWithId(userId)
                .orElseThrow(() -> new IllegalStateException("no user " + userId + ": add the user first"));
        String teamName = server.teams().stream()
                .filter(team -> team.id().equals(teamId))
                .map(MattermostTeam::name)
                .findFirst()
                .orElse("");
        return new SlashCommand(
                command.token(),
                teamId,
                teamName,
                InMemoryMattermostServer.newId(),
                "town-square",
                userId,
                user.username(),
                "/" + trigger,
                text,
                server.issueTrigger(userId),
                url() + "/hooks/commands/" + InMemoryMattermostServer.newId());
    }

    /** Method "P": the fields as a form body. */
    public HttpResponse<String> post(URI url, SlashCommand command) throws IOException, InterruptedException {
        return client.send(
                commandRequest(url, command)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(command.form()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Method "G": the same fields in the query string. */
    public HttpResponse<String> get(URI url, SlashCommand command) throws IOException, InterruptedException {
        String separator = url.getRawQuery() == null ? "?" : "&";
        return client.send(
                commandRequest(URI.create(url + separator + command.form()), command)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The submission of a dialog this server opened, filled with {@code values}, from a channel of the team. */
    public DialogSubmission submission(
            InMemoryMattermostServer.OpenedDialog opened, String teamId, Map<String, Object> values) {
        return new DialogSubmission(
                opened.dialog().callbackId(),
                opened.dialog().state(),
                opened.userId(),
                InMemoryMattermostServer.newId(),
                teamId,
                values,
                false);
    }

    /** POSTs the submission to the dialog's URL as Mattermost does: JSON, no token, no signature, no auth header. */
    public HttpResponse<String> submit(URI url, DialogSubmission submission) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "dialog_submission");
        body.put("callback_id", submission.callbackId());
        body.put("state", submission.state());
        body.put("user_id", submission.userId());
        body.put("channel_id", submission.channelId());
        body.put("team_id", submission.teamId());
        body.put("submission", submission.submission());
        body.put("cancelled", submission.cancelled());
        return client.send(
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Mattermost-Bot/1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The submission for the dialog opened last. */
    public DialogSubmission lastDialogSubmission(String teamId, Map<String, Object> values) {
        List<InMemoryMattermostServer.OpenedDialog> opened = server.dialogs();
        if (opened.isEmpty()) {
            throw new IllegalStateException("no dialog was opened");
        }
        return submission(opened.get(opened.size() - 1), teamId, values);
    }

    /** The URL of the dialog opened last, where its submission goes. */
    public URI lastDialogUrl() {
        List<InMemoryMattermostServer.OpenedDialog> opened = server.dialogs();
        Dialog dialog = opened.get(opened.size() - 1).dialog();
        return URI.create(dialog.url());
    }

    private static HttpRequest.Builder commandRequest(URI url, SlashCommand command) {
        return HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Token " + command.token())
                .header("Accept", "application/json")
                .header("User-Agent", "Mattermost-Bot/1.1");
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
