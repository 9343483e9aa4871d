package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeClassicMattermost;
import dev.gatehouse.adapters.http.oauth2.FakeOAuth2Provider;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Mattermost server without the Apps framework, served by two Gatehouse replicas on one real Postgres (CLASSIC.md):
 * provision → {@code /hello-jwt send} DMs the user → {@code configure} opens a dialog whose submission stores the
 * client → {@code connect} → start → provider → callback → {@code me} → expiry → concurrent {@code me} refreshing once
 * across replicas → {@code disconnect}. The server is a fake that speaks Mattermost's REST API over HTTP and plays its
 * client (form posts, dialog submissions); the browser is played by hand. The public URL points at replica A; requests
 * are sent to either replica, as a load balancer would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlashCommandEndToEndIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeClassicMattermost mattermost;
    private InMemoryMattermostServer server;
    private FakeOAuth2Provider provider;
    private TestDatabase database;
    private EmbeddedServer replicaA;
    private EmbeddedServer replicaB;
    private JsonMapper json;
    private String adminToken;
    private String publicUrl;
    private String installationId;
    private MattermostTeam alpha;
    private MattermostTeam beta;
    private MattermostUser admin;
    private MattermostUser ann;
    private String mattermostAdminToken;
    private final List<String> secrets = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeAll
    void start() throws Exception {
        stdout = System.out;
        System.setOut(new PrintStream(new TeeStream(stdout, output), true)); // the logs, to look for secrets in
        mattermost = new FakeClassicMattermost();
        server = mattermost.server();
        alpha = server.addTeam("alpha");
        beta = server.addTeam("beta");
        admin = server.addAdmin("root");
        ann = server.addUser("ann");
        for (MattermostTeam team : List.of(alpha, beta)) {
            server.join(team.id(), admin.id());
            server.join(team.id(), ann.id());
        }
        mattermostAdminToken = server.login(admin.id());
        secrets.add(mattermostAdminToken);
        provider = new FakeOAuth2Provider();
        database = TestDatabase.shared().freshDatabase();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        publicUrl = "http://127.0.0.1:" + port;
        replicaA = ApplicationContext.run(EmbeddedServer.class, properties(port, true));
        replicaB = ApplicationContext.run(EmbeddedServer.class, properties(-1, false));
        json = replicaA.getApplicationContext().getBean(JsonMapper.class);
        adminToken =
                replicaA.getApplicationContext().getBean(AdminTokenIssuer.class).issue("e2e", Duration.ofMinutes(30));
        Map<String, Object> created = admin(
                "POST",
                "/admin/installations",
                "{\"name\":\"Classic chat\",\"site_url\":\"" + mattermost.url() + "\"}",
                201);
        installationId = (String) created.get("id");
    }

    private Map<String, Object> properties(int port, boolean ownsSchema) {
        Map<String, Object> p = database.properties();
        p.put("flyway.datasources.default.clean-schema", ownsSchema);
        p.put("micronaut.server.port", port);
        p.put("gatehouse.admin.jwt-secret", "e2e-admin-secret-0123456789abcdefghijklmno");
        p.put("gatehouse.public-url", publicUrl);
        p.put("gatehouse.oauth2.authorize-url", provider.authorizeUrl());
        p.put("gatehouse.oauth2.token-url", provider.tokenUrl());
        p.put("gatehouse.oauth2.userinfo-url", provider.userinfoUrl());
        p.put("gatehouse.oauth2.scopes", "read:user");
        return p;
    }

    @AfterAll
    void stop() {
        replicaB.getApplicationContext().close();
        replicaA.getApplicationContext().close();
        mattermost.close();
        provider.close();
        System.setOut(stdout);
    }

    // ---- helpers ----

    private Map<String, Object> admin(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(publicUrl + path))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private String provisionBody(String teams, boolean enableSettings) {
        return "{\"mattermost_token\":\"" + mattermostAdminToken + "\"" + (teams == null ? "" : ",\"teams\":" + teams)
                + (enableSettings ? ",\"enable_settings\":true" : "") + "}";
    }

    /** The replica's own address for a URL Gatehouse made under its public URL (a load balancer's choice). */
    private URI on(EmbeddedServer replica, String url) {
        return URI.create(
                "http://127.0.0.1:" + replica.getPort() + URI.create(url).getRawPath()
                        + (URI.create(url).getRawQuery() == null
                                ? ""
                                : "?" + URI.create(url).getRawQuery()));
    }

    private URI commandUrl(EmbeddedServer replica) {
        return on(replica, publicUrl + "/i/" + installationId + "/command");
    }

    /** {@code /hello-jwt <text>} typed by {@code user} in team {@code team}, sent to {@code replica}. */
    private String slash(EmbeddedServer replica, MattermostTeam team, MattermostUser user, String text)
            throws Exception {
        HttpResponse<String> response =
                mattermost.post(commandUrl(replica), mattermost.slashCommand(team.id(), "hello-jwt", user.id(), text));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        assertThat(body).containsEntry("response_type", "ephemeral");
        return (String) body.get("text");
    }

    private HttpResponse<String> browse(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- the flow ----

    @Test
    @Order(1)
    void provisioningRefusesUntilTheSettingsAreOnOrAnUnknownTeamAndChangesNothing() throws Exception {
        Map<String, Object> off =
                admin("POST", "/admin/installations/" + installationId + "/provision", provisionBody(null, false), 400);
        assertThat((String) off.get("detail"))
                .contains("ServiceSettings.EnableBotAccountCreation")
                .contains("MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION")
                .contains("ServiceSettings.EnableUserAccessTokens")
                .doesNotContain(mattermostAdminToken);
        Map<String, Object> unknownTeam = admin(
                "POST",
                "/admin/installations/" + installationId + "/provision",
                provisionBody("[\"alpha\",\"gamma\"]", true),
                400);
        assertThat((String) unknownTeam.get("detail")).contains("'gamma'");
        assertThat(server.bots()).isEmpty();
        assertThat(server.commandsOf(alpha.id())).isEmpty();
        assertThat(server.isOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION)).isFalse();

        Map<String, Object> refused = admin(
                "POST",
                "/admin/installations/" + installationId + "/provision",
                "{\"mattermost_token\":\"not-a-token\"}",
                400);
        assertThat((String) refused.get("detail")).contains("did not accept this token");
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void provisioningSetsUpTheBotAndACommandPerTeamAndRunsAgainSafely() throws Exception {
        // someone else's /hello-jwt in beta: reported, left alone
        server.addCommand(beta.id(), "hello-jwt", "https://elsewhere.example.com/hook");
        Map<String, Object> done =
                admin("POST", "/admin/installations/" + installationId + "/provision", provisionBody(null, true), 200);
        assertThat((List<String>) done.get("settings_enabled"))
                .contains("ServiceSettings.EnableBotAccountCreation", "ServiceSettings.EnableUserAccessTokens");
        assertThat((List<Map<String, Object>>) done.get("teams"))
                .extracting(t -> t.get("team_name") + ":" + t.get("result"))
                .containsExactlyInAnyOrder("alpha:created", "beta:conflict");
        assertThat(server.bots()).hasSize(1);
        assertThat(server.members(alpha.id())).contains((String) done.get("bot_user_id"));
        assertThat(mattermost
                        .slashCommand(alpha.id(), "hello-jwt", ann.id(), "")
                        .token())
                .isNotBlank();

        Map<String, Object> again = admin(
                "POST",
                "/admin/installations/" + installationId + "/provision",
                provisionBody("[\"alpha\"]", false),
                200);
        assertThat((List<Map<String, Object>>) again.get("teams"))
                .extracting(t -> t.get("result"))
                .containsExactly("updated");
        assertThat(again.get("bot_user_id")).isEqualTo(done.get("bot_user_id"));
        assertThat(server.accessTokens((String) done.get("bot_user_id"))).hasSize(1); // the first one was revoked
        Map<String, Object> shown = admin("GET", "/admin/installations/" + installationId, "", 200);
        Map<String, Object> slash = (Map<String, Object>) shown.get("slash_commands");
        assertThat(slash.get("bot_user_id")).isEqualTo(done.get("bot_user_id"));
        assertThat((List<Map<String, Object>>) slash.get("teams"))
                .extracting(t -> t.get("team_id"))
                .containsExactly(alpha.id());
        server.accessTokens((String) done.get("bot_user_id")).forEach(t -> secrets.add(t.token()));
        server.commandsOf(alpha.id()).forEach(c -> secrets.add(c.token()));
    }

    @Test
    @Order(3)
    void sendDmsTheUserAsTheBotFromEitherReplicaAndInfoNamesTheTeams() throws Exception {
        assertThat(slash(replicaB, alpha, ann, "send")).isEqualTo("Created a post in your DM channel.");
        String botId = server.bots().get(0).userId();
        assertThat(server.directMessages(botId, ann.id())).isNotEmpty();
        assertThat(slash(replicaA, alpha, ann, "info"))
                .contains("slash command")
                .contains("alpha");
        assertThat(slash(replicaA, alpha, ann, "")).contains("`/hello-jwt configure`");
        // the same token in another team is refused
        HttpResponse<String> otherTeam = mattermost.post(
                commandUrl(replicaA),
                mattermost
                        .slashCommand(alpha.id(), "hello-jwt", ann.id(), "info")
                        .withTeamId(beta.id()));
        assertThat(otherTeam.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void configureOpensADialogForAdminsWhoseSubmissionStoresTheClient() throws Exception {
        assertThat(slash(replicaA, alpha, ann, "configure")).contains("Only a Mattermost system admin");
        assertThat(slash(replicaB, alpha, admin, "configure")).isEqualTo("Opening the configure dialog…");
        URI dialogUrl = on(replicaB, mattermost.lastDialogUrl().toString());
        var stolen = mattermost
                .lastDialogSubmission(alpha.id(), Map.of("client_id", "x", "client_secret", "y"))
                .withUserId(ann.id());
        assertThat(mattermost.submit(dialogUrl, stolen).statusCode()).isEqualTo(401);
        var submission = mattermost.lastDialogSubmission(
                alpha.id(),
                Map.of("client_id", FakeOAuth2Provider.CLIENT_ID, "client_secret", FakeOAuth2Provider.CLIENT_SECRET));
        secrets.add(FakeOAuth2Provider.CLIENT_SECRET);
        HttpResponse<String> stored = mattermost.submit(dialogUrl, submission);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo("{}");
    }

    @Test
    @Order(5)
    void connectMeAndARefreshOnceAcrossReplicasThenDisconnect() throws Exception {
        String reply = slash(replicaA, alpha, ann, "connect");
        String link = reply.substring(reply.indexOf("](") + 2, reply.indexOf(')', reply.indexOf("](")));
        assertThat(link).startsWith(publicUrl + "/i/" + installationId + "/oauth2/start?state=");

        HttpResponse<String> start = browse(on(replicaB, link));
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = query(authorize);
        String callback = publicUrl + "/i/" + installationId + "/oauth2/callback";
        assertThat(query)
                .containsEntry("redirect_uri", callback)
                .containsEntry("client_id", FakeOAuth2Provider.CLIENT_ID);

        provider.expiresIn(5);
        String code = provider.issueCode("octocat", callback); // the user approves at the provider
        URI back = URI.create(
                callback + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        HttpResponse<String> connected = browse(on(replicaA, back.toString()));
        assertThat(connected.statusCode()).isEqualTo(200);
        assertThat(connected.body()).contains("octocat").contains("You can close this tab");
        assertThat(connected.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        HttpResponse<String> twice = browse(on(replicaB, back.toString()));
        assertThat(twice.statusCode()).isEqualTo(401);
        assertThat(twice.body()).contains("already used");
        provider.issuedTokens().forEach(secrets::add);

        // the token expires; concurrent `me` on both replicas renew it once
        Thread.sleep(100);
        provider.expiresIn(3600);
        provider.expireAccessTokens();
        int before = provider.refreshRedemptions();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EmbeddedServer replica = i % 2 == 0 ? replicaA : replicaB;
            answers.add(pool.submit(() -> {
                go.await();
                return slash(replica, alpha, ann, "me");
            }));
        }
        go.countDown();
        for (Future<String> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).contains("**octocat**");
        }
        pool.shutdownNow();
        assertThat(provider.refreshRedemptions() - before).isEqualTo(1);
        provider.issuedTokens().forEach(secrets::add);

        assertThat(slash(replicaB, alpha, ann, "disconnect")).startsWith("Disconnected");
        assertThat(slash(replicaA, alpha, ann, "me")).contains("not connected");
    }

    @Test
    @Order(6)
    void nothingSecretIsInTheDatabaseInTheClearOrInTheLogs() throws Exception {
        assertThat(secrets).hasSizeGreaterThan(4);
        try (Connection db = database.connect();
                Statement tables = db.createStatement();
                ResultSet names = tables.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            List<String> all = new ArrayList<>();
            while (names.next()) {
                all.add(names.getString(1));
            }
            for (String table : all) {
                try (Statement dump = db.createStatement();
                        ResultSet rows = dump.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rows.next()) {
                        String row = rows.getString(1);
                        for (String secret : secrets) {
                            assertThat(row).as("a row of " + table).doesNotContain(secret);
                        }
                    }
                }
            }
        }
        String logs = output.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the logs were captured").contains("provisioned by admin:e2e");
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Writes to both streams: the console still shows the logs. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
