package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.Secret;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A call refused at each status, through the whole HTTP stack: the error CallResponse, audit event, metric, and the
 * token never echoed. Which tokens are refused is the verifier's contract ({@code CallTokenVerifierContract}); which
 * header and installation, {@code AuthenticateCallTest}; which bodies, {@code CallerTest}.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gatehouse.public-url", value = CallTestSupport.PUBLIC_URL)
class CallRejectionTest extends CallTestSupport {

    @Inject
    JsonMapper json;

    @Inject
    MeterRegistry meters;

    private final FakeMattermost mattermost = new FakeMattermost("rejections");
    private final CapturedLogs logs = new CapturedLogs();
    private final List<String> sensitive = new ArrayList<>();
    private Secret secret;
    private Installation installation;
    /** Refusals counted so far for this test's installation, by reason. */
    private final java.util.Map<RejectionReason, Long> countedRefusals = new java.util.EnumMap<>(RejectionReason.class);

    CallRejectionTest() throws IOException {}

    @BeforeEach
    void newInstallation() {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        secret = Secret.generate();
        installation = register("https://chat" + System.nanoTime() + ".example.com", secret);
        countedRefusals.clear();
        sensitive.add(secret.value());
    }

    @AfterAll
    void noSecretTokenOrBodyInTheLogs() {
        logs.close();
        mattermost.close();
        assertThat(logs.events())
                .anySatisfy(e -> assertThat(e.getMDCPropertyMap()).containsKey("installation_id"));
        sensitive.add(mattermost.botToken);
        sensitive.add("private-body-marker");
        assertNoLeak(logs.texts(), sensitive.toArray(String[]::new));
    }

    private String token(Secret signer, Instant now, String actingUser) {
        String token = CallTokens.mattermost(signer, now, actingUser);
        sensitive.add(token);
        return token;
    }

    private String body(String actingUser) {
        return mattermost.callBody("/info", installation.siteUrl().value(), actingUser, "system_user");
    }

    /** Calls /info: it needs no Mattermost server, so an accepted call answers 200 without any outbound request. */
    private HttpResponse<String> send(String authorization, String body) throws Exception {
        return mattermost.call(url(installation, "/info"), authorization, body);
    }

    private double rejected(RejectionReason reason) {
        var counter = meters.find("gatehouse.calls.rejected")
                .tag("ingress", "apps")
                .tag("reason", reason.code())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Asserts the whole refusal: status, body, audit, metric, no echo. */
    private void assertRefused(
            HttpResponse<String> response,
            int status,
            RejectionReason reason,
            InstallationId audited,
            double countBefore,
            String... notEchoed)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> body = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        assertThat(body).containsEntry("type", "error").containsEntry("text", reason.text());
        for (String secretPart : notEchoed) {
            assertThat(response.body()).doesNotContain(secretPart);
        }
        assertThat(rejected(reason)).isEqualTo(countBefore + 1);
        if (reason == RejectionReason.INSTALLATION_UNKNOWN) {
            // anyone can make up an id: the metric counts it, the audit log keeps nothing
            assertNotAudited("/i/" + audited, audited);
            return;
        }
        if (reason.withoutValidCredential()) {
            // anyone can send a bad token: counted per installation, reason and minute, not kept one by one
            long expected = countedRefusals.merge(reason, 1L, Long::sum);
            assertThat(awaitRefusalCount(audited, reason, expected)).isEqualTo(expected);
            assertThat(auditLog.all()).noneSatisfy(e -> assertThat(e.detail()).startsWith(reason.code()));
            return;
        }
        AuditEvent event = awaitAudit(reason.code() + " POST /i/" + (audited == null ? "" : audited.toString()));
        assertThat(event.actor()).isEqualTo(RecordRejection.ACTOR);
        assertThat(event.action()).isEqualTo("call.rejected");
        assertThat(event.outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(event.installationId()).isEqualTo(audited);
        for (String secretPart : notEchoed) {
            assertThat(event.detail()).doesNotContain(secretPart);
        }
    }

    @Test
    void acceptsAWellSignedCall() throws Exception {
        var response = send(bearer(token(secret, clock.instant(), "u1")), body("u1"));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void callsBeyondTheInstallationsRateLimitAre429WithRetryAfterAndOthersAreServed() throws Exception {
        installation = installations.update(installation.changeRateLimit(new RateLimit(1, 1), clock.instant()));
        Secret otherSecret = Secret.generate();
        sensitive.add(otherSecret.value());
        Installation other = register("https://calm" + System.nanoTime() + ".example.com", otherSecret);
        other = installations.update(other.changeRateLimit(new RateLimit(1, 1), clock.instant()));
        int auditedBefore = auditLog.all().size();

        assertThat(send(bearer(token(secret, clock.instant(), "u1")), body("u1"))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> limited = send(bearer(token(secret, clock.instant(), "u1")), body("u1"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        Map<String, Object> answer = json.readValue(limited.body(), Argument.mapOf(String.class, Object.class));
        assertThat(answer).containsEntry("type", "error").containsEntry("text", RejectionReason.RATE_LIMITED.text());
        assertThat(meters.find("gatehouse.calls.rate_limited")
                        .tag("installation", installation.id().toString())
                        .tag("ingress", "apps")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(mattermost
                        .call(
                                url(other, "/ping"),
                                bearer(token(otherSecret, clock.instant(), "u1")),
                                FakeMattermost.pingBody())
                        .statusCode())
                .as("another installation keeps its own bucket")
                .isEqualTo(200);
        assertThat(auditLog.all())
                .as("a flood of verified calls is counted, not audited")
                .hasSize(auditedBefore);
    }

    @Test
    void aFloodOfBogusTokensIsLoggedInAboutOneLineASecondButCountedInFull() throws Exception {
        String bogus = token(new Secret("not-the-secret-0123456789abcdef"), clock.instant(), "u1");
        double before = rejected(RejectionReason.TOKEN_SIGNATURE);
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            assertThat(send(bearer(bogus), body("u1")).statusCode()).isEqualTo(401);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long lines = logs.events().stream()
                .filter(e -> e.getLoggerName().endsWith("CallRejections"))
                .filter(e -> e.getFormattedMessage().endsWith("token_signature")
                        || e.getFormattedMessage().contains("token_signature (and "))
                .filter(e -> e.getTimeStamp() >= System.currentTimeMillis() - (long) (seconds * 1000) - 1000)
                .count();
        assertThat(lines).as("lines in %.1f s", seconds).isBetween(1L, (long) Math.ceil(seconds) + 2);
        assertThat(rejected(RejectionReason.TOKEN_SIGNATURE)).isEqualTo(before + 300);
    }

    @Test
    void refusesAWrongSecret() throws Exception {
        String token = token(new Secret("1234"), clock.instant(), "u1");
        double before = rejected(RejectionReason.TOKEN_SIGNATURE);
        assertRefused(
                send(bearer(token), body("u1")),
                401,
                RejectionReason.TOKEN_SIGNATURE,
                installation.id(),
                before,
                token);
    }

    @Test
    void refusesATokenSignedWithAnotherInstallationsSecret() throws Exception {
        Secret otherSecret = Secret.generate();
        sensitive.add(otherSecret.value());
        Installation other = register("https://other" + System.nanoTime() + ".example.com", otherSecret);
        String token = token(otherSecret, clock.instant(), "u1");
        assertThat(mattermost
                        .call(url(other, "/ping"), bearer(token), FakeMattermost.pingBody())
                        .statusCode())
                .isEqualTo(200);
        double before = rejected(RejectionReason.TOKEN_SIGNATURE);
        assertRefused(
                send(bearer(token), body("u1")),
                401,
                RejectionReason.TOKEN_SIGNATURE,
                installation.id(),
                before,
                token);
    }

    @Test
    void refusesABodyActingForAnotherUser() throws Exception {
        String token = token(secret, clock.instant(), "u1");
        double before = rejected(RejectionReason.ACTING_USER_MISMATCH);
        assertRefused(
                send(bearer(token), body("admin")),
                401,
                RejectionReason.ACTING_USER_MISMATCH,
                installation.id(),
                before,
                token);
        String withoutUser = token(secret, clock.instant(), null);
        assertRefused(
                send(bearer(withoutUser), body("admin")),
                401,
                RejectionReason.ACTING_USER_MISMATCH,
                installation.id(),
                before + 1,
                withoutUser);
        assertThat(mattermost.requests()).isZero();
    }

    @Test
    void refusesABodyFromAnotherSite() throws Exception {
        String token = token(secret, clock.instant(), "u1");
        String body = mattermost.callBody("/info", "https://evil.example.com", "u1", "system_user");
        double before = rejected(RejectionReason.SITE_URL_MISMATCH);
        assertRefused(
                send(bearer(token), body), 401, RejectionReason.SITE_URL_MISMATCH, installation.id(), before, token);
        assertThat(mattermost.requests()).isZero();
    }

    @Test
    void refusesUnknownAndMalformedInstallations() throws Exception {
        String token = token(secret, clock.instant(), "u1");
        InstallationId unknown = InstallationId.random();
        double before = rejected(RejectionReason.INSTALLATION_UNKNOWN);
        assertRefused(
                mattermost.call(url(unknown.toString(), "/info"), bearer(token), body("u1")),
                404,
                RejectionReason.INSTALLATION_UNKNOWN,
                unknown,
                before,
                token);
        var malformed = mattermost.call(url("not-a-uuid", "/info"), bearer(token), body("u1"));
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertNotAudited("/i/not-a-uuid/", null);
        assertThat(malformed.body()).doesNotContain(token);
    }

    @Test
    void refusesADisabledInstallation() throws Exception {
        installations.update(installation.disable(clock.instant()));
        String token = token(secret, clock.instant(), "u1");
        double before = rejected(RejectionReason.INSTALLATION_DISABLED);
        assertRefused(
                send(bearer(token), body("u1")),
                403,
                RejectionReason.INSTALLATION_DISABLED,
                installation.id(),
                before,
                token);
    }

    @Test
    void aCorrectlySignedTokenWithABrokenPayloadIsMalformedNotAServerError() throws Exception {
        long exp = clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond();
        double before = rejected(RejectionReason.TOKEN_MALFORMED);
        int logged = logs.texts().size();
        List<String> payloads = List.of(
                "{\"exp\":" + exp + ",\"acting_user_id\":\"u1\",\"acting_user_id\":\"admin\"}",
                "not json",
                "{\"exp\":1e400,\"acting_user_id\":\"u1\"}");
        for (String payload : payloads) {
            String token = CallTokens.hs256(secret, payload);
            sensitive.add(token);
            assertRefused(
                    send(bearer(token), body("u1")),
                    401,
                    RejectionReason.TOKEN_MALFORMED,
                    installation.id(),
                    before++,
                    token);
        }
        List<String> texts = logs.texts();
        assertThat(texts.subList(logged, texts.size()))
                .noneMatch(line -> line.contains(" ERROR ") || line.contains("Exception"));
    }

    @Test
    void aRespelledSignatureIsMalformed() throws Exception {
        String token = token(secret, clock.instant(), "u1");
        double before = rejected(RejectionReason.TOKEN_MALFORMED);
        assertRefused(
                send(bearer(token + "="), body("u1")),
                401,
                RejectionReason.TOKEN_MALFORMED,
                installation.id(),
                before,
                token);
    }

    @Test
    void refusesAMalformedBody() throws Exception {
        String token = token(secret, clock.instant(), "u1");
        double before = rejected(RejectionReason.BODY_MALFORMED);
        assertRefused(
                send(bearer(token), "{\"path\":\"/info\",\"context\":"),
                400,
                RejectionReason.BODY_MALFORMED,
                installation.id(),
                before,
                token);
        assertRefused(
                send(bearer(token), "[1,2]"),
                400,
                RejectionReason.BODY_MALFORMED,
                installation.id(),
                before + 1,
                token);
    }

    @Test
    void refusesAnOversizedBody() throws Exception {
        String token = token(secret, clock.instant(), "u1");
        String huge = "{\"path\":\"/send\",\"values\":{\"pad\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}}";
        double before = rejected(RejectionReason.BODY_TOO_LARGE);
        assertRefused(send(bearer(token), huge), 413, RejectionReason.BODY_TOO_LARGE, installation.id(), before, token);

        // chunked, so no Content-Length tells the filter: the controller measures the body
        var chunked = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(url(installation, "/info"))
                                .header("Content-Type", "application/json")
                                .header("Mattermost-App-Authorization", bearer(token))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertRefused(chunked, 413, RejectionReason.BODY_TOO_LARGE, installation.id(), before + 1, token);
    }

    @Test
    void acceptsThePreviousSecretInsideItsGraceWindowOnly() throws Exception {
        Secret old = secret;
        installation = installations.update(
                installation.rotateSecret(Secret.generate(), clock.instant(), Duration.ofHours(1)));
        sensitive.add(installation.secret().value());
        assertThat(send(bearer(token(old, clock.instant(), "u1")), body("u1")).statusCode())
                .isEqualTo(200);
        assertThat(send(bearer(token(installation.secret(), clock.instant(), "u1")), body("u1"))
                        .statusCode())
                .isEqualTo(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        String late = token(old, clock.instant(), "u1");
        double before = rejected(RejectionReason.TOKEN_SIGNATURE);
        assertRefused(
                send(bearer(late), body("u1")), 401, RejectionReason.TOKEN_SIGNATURE, installation.id(), before, late);
    }
}
