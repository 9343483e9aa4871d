package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.SignedStates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The routes of the slash-command ingress over real HTTP, for what needs no Mattermost server: a command Mattermost
 * posts (form) or sends as a query, each refusal of CLASSIC.md §2 with its status, body shape, metric and audit event,
 * forged dialog states, and the OAuth2 link pages with their headers. The flows that talk to Mattermost run end to end
 * in bootstrap.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gatehouse.public-url", value = CallTestSupport.PUBLIC_URL)
class SlashCommandRoutesTest extends CallTestSupport {

    private static final String TEAM = "teamone";
    private static final String TOKEN = "k3p9x7m2q8w4e6r1t5y0u3i8o2";

    @Inject
    JsonMapper json;

    @Inject
    MeterRegistry meters;

    @Inject
    SignedStates signedStates;

    private final HttpClient http = HttpClient.newHttpClient();
    private final CapturedLogs logs = new CapturedLogs();
    private Installation installation;

    @BeforeEach
    void installationWithACommand() {
        installation = register("https://chat" + System.nanoTime() + ".example.com", Secret.generate());
        installation = installations.update(installation.adoptSlashCommand(
                SlashCommand.withToken(TEAM, "Team One", "cmd1", TOKEN), clock.instant()));
    }

    @AfterAll
    void noTokenInTheLogs() {
        logs.close();
        assertNoLeak(logs.texts(), TOKEN);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Map<String, String> fields(String token, String team, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (token != null) {
            fields.put("token", token);
        }
        fields.put("team_id", team);
        fields.put("team_domain", "team-one");
        fields.put("channel_id", "ch1");
        fields.put("channel_name", "town-square");
        fields.put("user_id", "u1");
        fields.put("user_name", "ann");
        fields.put("command", "/hello-jwt");
        fields.put("text", text);
        fields.put("trigger_id", "trig");
        fields.put("response_url", "https://chat.example.com/hooks/commands/x");
        fields.put("a_field_from_the_future", "ignored");
        return fields;
    }

    private HttpResponse<String> post(String installationId, String header, Map<String, String> fields)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(installationId, "/command"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (header != null) {
            request.header("Authorization", header);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private double rejected(RejectionReason reason) {
        var counter = meters.find("gatehouse.calls.rejected")
                .tag("ingress", "slash_command")
                .tag("reason", reason.code())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void assertRefused(HttpResponse<String> response, int status, RejectionReason reason, double before)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(body(response)).isEqualTo(Map.of("response_type", "ephemeral", "text", reason.text()));
        assertThat(response.body()).doesNotContain(TOKEN);
        assertThat(rejected(reason)).isEqualTo(before + 1);
        if (reason.withoutValidCredential()) {
            awaitRefusalCount(null, reason, 1);
            return;
        }
        AuditEvent event = awaitAudit(reason.code() + " POST /i/");
        assertThat(event.detail()).doesNotContain(TOKEN);
    }

    @Test
    void answersAFormPostWithTheTokenInHeaderAndBodyWithAnEphemeralText() throws Exception {
        HttpResponse<String> response =
                post(installation.id().toString(), "Token " + TOKEN, fields(TOKEN, TEAM, "info"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> body = body(response);
        assertThat(body).containsEntry("response_type", "ephemeral");
        assertThat((String) body.get("text")).contains(installation.name()).contains("slash command");
    }

    @Test
    void commandsBeyondTheInstallationsRateLimitGetTheirTextWith200AndRetryAfter() throws Exception {
        installation = installations.update(installation.changeRateLimit(new RateLimit(1, 1), clock.instant()));
        assertThat(post(installation.id().toString(), "Token " + TOKEN, fields(TOKEN, TEAM, "info"))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> limited =
                post(installation.id().toString(), "Token " + TOKEN, fields(TOKEN, TEAM, "info"));

        // Mattermost shows a slash command's text only with a 200 (CLASSIC.md §1)
        assertThat(limited.statusCode()).isEqualTo(200);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(body(limited))
                .isEqualTo(Map.of("response_type", "ephemeral", "text", RejectionReason.RATE_LIMITED.text()));
        assertThat(meters.find("gatehouse.calls.rate_limited")
                        .tag("installation", installation.id().toString())
                        .tag("ingress", "slash_command")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void answersTheGetVariantAndAnEmptyTextWithHelp() throws Exception {
        URI uri = URI.create(url(installation.id().toString(), "/command") + "?" + form(fields(TOKEN, TEAM, "")));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Token " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) body(response).get("text")).startsWith("**/hello-jwt** answers:");
    }

    @Test
    void refusesAMissingOrForeignTokenAndATokenOfAnotherTeam() throws Exception {
        String id = installation.id().toString();
        double missing = rejected(RejectionReason.COMMAND_TOKEN_MISSING);
        assertRefused(post(id, null, fields(null, TEAM, "info")), 401, RejectionReason.COMMAND_TOKEN_MISSING, missing);

        double unknown = rejected(RejectionReason.COMMAND_TOKEN_UNKNOWN);
        String wrong = "zzzzzzzzzzzzzzzzzzzzzzzzzz";
        assertRefused(
                post(id, "Token " + wrong, fields(wrong, TEAM, "info")),
                401,
                RejectionReason.COMMAND_TOKEN_UNKNOWN,
                unknown);

        double team = rejected(RejectionReason.COMMAND_TEAM_MISMATCH);
        assertRefused(
                post(id, "Token " + TOKEN, fields(TOKEN, "teamtwo", "info")),
                401,
                RejectionReason.COMMAND_TEAM_MISMATCH,
                team);

        double differ = rejected(RejectionReason.COMMAND_TOKENS_DIFFER);
        assertRefused(
                post(id, "Token " + TOKEN, fields(wrong, TEAM, "info")),
                401,
                RejectionReason.COMMAND_TOKENS_DIFFER,
                differ);
    }

    @Test
    void theTokenOfOneInstallationDoesNotOpenAnother() throws Exception {
        Installation other = register("https://other" + System.nanoTime() + ".example.com", Secret.generate());
        double before = rejected(RejectionReason.COMMAND_TOKEN_UNKNOWN);
        assertRefused(
                post(other.id().toString(), "Token " + TOKEN, fields(TOKEN, TEAM, "info")),
                401,
                RejectionReason.COMMAND_TOKEN_UNKNOWN,
                before);
    }

    @Test
    void anUnknownInstallationIs404InTheSameShape() throws Exception {
        HttpResponse<String> response =
                post("00000000-0000-4000-8000-000000000000", "Token " + TOKEN, fields(TOKEN, TEAM, "info"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response)).containsEntry("response_type", "ephemeral");
    }

    @Test
    void aDisabledInstallationAnswers200SayingSo() throws Exception {
        installations.update(
                installations.findById(installation.id()).orElseThrow().disable(clock.instant()));
        HttpResponse<String> response =
                post(installation.id().toString(), "Token " + TOKEN, fields(TOKEN, TEAM, "send"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) body(response).get("text")).contains("disabled");
    }

    @Test
    void anOversizedCommandIs413InTheSameShape() throws Exception {
        Map<String, String> fields = fields(TOKEN, TEAM, "info " + "x".repeat(1024 * 1024 + 10));
        HttpResponse<String> response = post(installation.id().toString(), "Token " + TOKEN, fields);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response)).containsEntry("response_type", "ephemeral");
    }

    @Test
    void aDialogWithAForgedOrForeignStateIsRefusedWithAnError() throws Exception {
        String forged = "{\"type\":\"dialog_submission\",\"callback_id\":\"configure\",\"state\":\"forged\","
                + "\"user_id\":\"u1\",\"channel_id\":\"ch1\",\"team_id\":\"" + TEAM + "\","
                + "\"submission\":{\"client_id\":\"c\",\"client_secret\":\"s\"},\"cancelled\":false}";
        HttpResponse<String> refused = postJson(url(installation.id().toString(), "/dialog"), forged);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(body(refused)).isEqualTo(Map.of("error", RejectionReason.STATE_INVALID.text()));

        Installation other = register("https://other" + System.nanoTime() + ".example.com", Secret.generate());
        String theirs = signedStates.issue(other.id(), "u1", SignedState.Purpose.CONFIGURE, clock.instant());
        HttpResponse<String> crossed =
                postJson(url(installation.id().toString(), "/dialog"), forged.replace("\"forged\"", quote(theirs)));
        assertThat(crossed.statusCode()).isEqualTo(401);

        String mine = signedStates.issue(installation.id(), "u9", SignedState.Purpose.CONFIGURE, clock.instant());
        HttpResponse<String> otherUser =
                postJson(url(installation.id().toString(), "/dialog"), forged.replace("\"forged\"", quote(mine)));
        assertThat(body(otherUser)).isEqualTo(Map.of("error", RejectionReason.STATE_WRONG_USER.text()));

        HttpResponse<String> malformed = postJson(url(installation.id().toString(), "/dialog"), "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(body(malformed)).containsKey("error");
    }

    @Test
    void aCancelledDialogClosesWithoutStoringAnything() throws Exception {
        String state = signedStates.issue(installation.id(), "u1", SignedState.Purpose.CONFIGURE, clock.instant());
        String cancelled = "{\"type\":\"dialog_submission\",\"callback_id\":\"configure\",\"state\":" + quote(state)
                + ",\"user_id\":\"u1\",\"channel_id\":\"ch1\",\"team_id\":\"" + TEAM + "\",\"submission\":{},"
                + "\"cancelled\":true}";
        HttpResponse<String> response = postJson(url(installation.id().toString(), "/dialog"), cancelled);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).isEmpty();
    }

    @Test
    void oauth2LinksWithABadStateGetAnEscapedPageWithTheSecurityHeaders() throws Exception {
        String id = installation.id().toString();
        for (String path : List.of("/oauth2/start?state=%3Cscript%3Ex", "/oauth2/callback?code=c&state=forged")) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(url(id, "") + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(401);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.body()).contains("Link invalid or expired").doesNotContain("<script>");
        }
        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(url("00000000-0000-4000-8000-000000000000", "/oauth2/start?state=x"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aConnectStateStartsTheProviderRedirectOrSaysWhatIsMissing() throws Exception {
        String state = signedStates.issue(installation.id(), "u1", SignedState.Purpose.CONNECT, clock.instant());
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(url(
                                installation.id().toString(),
                                "/oauth2/start?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // no provider is configured in this test context: the page says so, with the same headers
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Not connected").contains("operator");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private HttpResponse<String> postJson(URI uri, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String quote(String s) {
        return FakeHttp.quote(s);
    }
}
