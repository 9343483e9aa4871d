package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.application.call.SendGreeting;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /send}: the bot DMs the caller through the real HttpMattermost, against fake Mattermost servers over HTTP. */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gatehouse.public-url", value = CallTestSupport.PUBLIC_URL)
@Property(name = "gatehouse.mattermost.connect-timeout", value = "1s")
@Property(name = "gatehouse.mattermost.read-timeout", value = "1s")
class SendFlowTest extends CallTestSupport {

    @Inject
    JsonMapper json;

    @Inject
    MeterRegistry meters;

    private final FakeMattermost alpha = new FakeMattermost("alpha");
    private final FakeMattermost beta = new FakeMattermost("beta");
    private final CapturedLogs logs = new CapturedLogs();
    private final List<String> sensitive = new ArrayList<>();

    SendFlowTest() throws IOException {}

    private final List<Installation> registered = new ArrayList<>();

    @AfterEach
    void heal() {
        alpha.mode(FakeMattermost.Mode.OK);
        beta.mode(FakeMattermost.Mode.OK);
        registered.forEach(i -> installations.delete(i.id()));
        registered.clear();
    }

    @AfterAll
    void noSecretTokenOrBodyInTheLogs() {
        logs.close();
        alpha.close();
        beta.close();
        sensitive.addAll(List.of(alpha.botToken, beta.botToken, "private-body-marker"));
        assertNoLeak(logs.texts(), sensitive.toArray(String[]::new));
        assertThat(logs.events())
                .anySatisfy(e -> assertThat(e.getMDCPropertyMap()).containsKey("installation_id"));
    }

    private Installation registered(String siteUrl, String apiUrl) {
        Secret secret = Secret.generate();
        sensitive.add(secret.value());
        Installation installation = register(siteUrl, secret);
        registered.add(installation);
        if (apiUrl != null) {
            installation = installations.update(installation.changeApiUrl(SiteUrl.of(apiUrl), clock.instant()));
        }
        return installation;
    }

    /** {@code /<app> send} typed by {@code user}, as server {@code from} sends it for {@code installation}. */
    private HttpResponse<String> send(FakeMattermost from, Installation installation, String siteUrlInBody, String user)
            throws Exception {
        String token = CallTokens.mattermost(installation.secret(), clock.instant(), user);
        sensitive.add(token);
        return from.call(
                url(installation, "/send"), bearer(token), from.callBody("/send", siteUrlInBody, user, "system_user"));
    }

    private Map<String, Object> parse(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private double clientErrors(String kind) {
        return meters.find("gatehouse.mattermost.client.errors").tag("kind", kind).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Test
    void theBotDirectMessagesTheCallerOnItsOwnServer() throws Exception {
        Installation installation = registered(alpha.url(), null);
        Map<String, Object> answer = parse(send(alpha, installation, alpha.url(), "u1"));
        assertThat(answer).isEqualTo(Map.of("type", "ok", "text", SendGreeting.SENT));
        assertThat(alpha.directChannels()).containsExactly("dm-" + alpha.botUserId + "-u1");
        assertThat(alpha.posts()).singleElement().satisfies(post -> {
            assertThat(post.authorization()).isEqualTo("Bearer " + alpha.botToken);
            assertThat(post.channelId()).isEqualTo("dm-" + alpha.botUserId + "-u1");
            assertThat(post.message()).isEqualTo(SendGreeting.MESSAGE);
        });
        assertThat(meters.find("gatehouse.calls")
                        .tag("path", "/send")
                        .tag("outcome", "ok")
                        .timer())
                .isNotNull();
    }

    @Test
    void theBotTalksToTheRegisteredApiUrlNotToTheSiteUrl() throws Exception {
        // the public site URL is not reachable from Gatehouse; the registered internal API URL is the fake
        Installation installation = registered("https://chat-public-" + System.nanoTime() + ".example.com", beta.url());
        int before = beta.posts().size();
        int alphaRequests = alpha.requests();
        Map<String, Object> answer =
                parse(send(beta, installation, installation.siteUrl().value(), "u2"));
        assertThat(answer).containsEntry("type", "ok");
        assertThat(beta.posts().subList(before, beta.posts().size()))
                .singleElement()
                .satisfies(p -> assertThat(p.channelId()).isEqualTo("dm-" + beta.botUserId + "-u2"));
        assertThat(alpha.requests()).isEqualTo(alphaRequests);
    }

    @Test
    void aBodyNamingAnotherSiteIsRefusedAndNothingIsSent() throws Exception {
        Installation installation = registered(alpha.url(), null);
        int alphaRequests = alpha.requests();
        int betaRequests = beta.requests();
        var response = send(alpha, installation, beta.url(), "u3");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(alpha.requests()).isEqualTo(alphaRequests);
        assertThat(beta.requests()).isEqualTo(betaRequests);
    }

    @Test
    void installationsAreIsolatedEachBotPostsOnlyToItsOwnServer() throws Exception {
        Installation onAlpha = registered("http://alpha-" + System.nanoTime() + ".example.com", alpha.url());
        Installation onBeta = registered("http://beta-" + System.nanoTime() + ".example.com", beta.url());
        int alphaBefore = alpha.posts().size();
        int betaBefore = beta.posts().size();
        assertThat(parse(send(alpha, onAlpha, onAlpha.siteUrl().value(), "ua"))).containsEntry("type", "ok");
        assertThat(parse(send(beta, onBeta, onBeta.siteUrl().value(), "ub"))).containsEntry("type", "ok");
        assertThat(alpha.posts().subList(alphaBefore, alpha.posts().size()))
                .singleElement()
                .satisfies(p -> assertThat(p.channelId()).endsWith("-ua"));
        assertThat(beta.posts().subList(betaBefore, beta.posts().size()))
                .singleElement()
                .satisfies(p -> assertThat(p.channelId()).endsWith("-ub"));

        // beta's server cannot call alpha's installation: its token is signed with the wrong secret
        String betaToken = CallTokens.mattermost(onBeta.secret(), clock.instant(), "ub");
        sensitive.add(betaToken);
        var crossed = beta.call(
                url(onAlpha, "/send"),
                bearer(betaToken),
                beta.callBody("/send", onAlpha.siteUrl().value(), "ub", "system_user"));
        assertThat(crossed.statusCode()).isEqualTo(401);
    }

    @Test
    void mattermostFailingIsAnErrorResponseNotAnHttpError() throws Exception {
        Installation installation = registered(alpha.url(), null);
        alpha.mode(FakeMattermost.Mode.FAIL_500);
        double before = clientErrors("status_5xx");
        Map<String, Object> answer = parse(send(alpha, installation, alpha.url(), "u4"));
        assertThat(answer).containsEntry("type", "error");
        assertThat((String) answer.get("text")).contains("HTTP 500");
        assertThat(clientErrors("status_5xx")).isEqualTo(before + 1);
    }

    @Test
    void anUnreachableMattermostIsAnErrorResponse() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Installation installation = registered("http://127.0.0.1:" + closedPort, null);
        double before = clientErrors("unreachable");
        Map<String, Object> answer =
                parse(send(alpha, installation, installation.siteUrl().value(), "u5"));
        assertThat(answer).containsEntry("type", "error");
        assertThat((String) answer.get("text")).contains("Could not reach Mattermost");
        assertThat(clientErrors("unreachable")).isEqualTo(before + 1);
    }

    @Test
    void anUnreachableInternalApiUrlIsNotNamedToTheUserButLoggedWithTheRequestId() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String internal = "http://127.0.0.1:" + closedPort + "/internal-path";
        Installation installation = registered(alpha.url(), internal);
        HttpResponse<String> response = send(alpha, installation, alpha.url(), "u5b");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        String text = (String) parse(response).get("text");
        assertThat(text)
                .contains("Could not reach Mattermost")
                .contains("(request " + requestId + ")")
                .doesNotContain("127.0.0.1")
                .doesNotContain(String.valueOf(closedPort))
                .doesNotContain("internal-path");
        assertThat(logs.events()).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains(internal);
            assertThat(e.getMDCPropertyMap()).containsEntry("request_id", requestId);
        });
    }

    @Test
    void aNonJsonAnswerFromMattermostIsReportedAsSuch() throws Exception {
        Installation installation = registered(alpha.url(), null);
        alpha.mode(FakeMattermost.Mode.HTML_200);
        Map<String, Object> answer = parse(send(alpha, installation, alpha.url(), "u5c"));
        assertThat(answer).containsEntry("type", "error");
        assertThat((String) answer.get("text")).contains("answered HTTP 200 with text/html, not JSON");
    }

    @Test
    void aSlowMattermostIsAnErrorResponseWithinTheTimeout() throws Exception {
        Installation installation = registered(alpha.url(), null);
        alpha.mode(FakeMattermost.Mode.SLOW);
        double before = clientErrors("timeout");
        Map<String, Object> answer = parse(send(alpha, installation, alpha.url(), "u6"));
        assertThat(answer).containsEntry("type", "error");
        assertThat((String) answer.get("text")).contains("did not answer in time");
        assertThat(clientErrors("timeout")).isEqualTo(before + 1);
    }

    @Test
    void aCallWithoutBotTokenOrActingUserSaysWhatIsMissing() throws Exception {
        Installation installation = registered(alpha.url(), null);
        int alphaRequests = alpha.requests();
        String noUser = CallTokens.mattermost(installation.secret(), clock.instant(), null);
        sensitive.add(noUser);
        String body = alpha.callBody("/send", alpha.url(), null, "");
        Map<String, Object> answer = parse(alpha.call(url(installation, "/send"), bearer(noUser), body));
        assertThat(answer).containsEntry("type", "error");
        assertThat((String) answer.get("text")).contains("acting_user");

        String token = CallTokens.mattermost(installation.secret(), clock.instant(), "u7");
        sensitive.add(token);
        String noBotToken = alpha.callBody("/send", alpha.url(), "u7", "").replace(alpha.botToken, "");
        Map<String, Object> missing = parse(alpha.call(url(installation, "/send"), bearer(token), noBotToken));
        assertThat(missing).containsEntry("type", "error");
        assertThat((String) missing.get("text")).contains("bot access token");
        assertThat(alpha.requests()).isEqualTo(alphaRequests);
    }
}
