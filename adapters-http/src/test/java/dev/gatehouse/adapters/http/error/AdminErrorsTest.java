package dev.gatehouse.adapters.http.error;

import static io.micronaut.http.HttpRequest.DELETE;
import static io.micronaut.http.HttpRequest.GET;
import static io.micronaut.http.HttpRequest.PATCH;
import static io.micronaut.http.HttpRequest.POST;
import static io.micronaut.http.HttpRequest.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.AdminTokens;
import dev.gatehouse.adapters.http.Api;
import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.adapters.http.LogCapture;
import dev.gatehouse.adapters.http.RequestIdFilter;
import dev.gatehouse.adapters.http.TroubledInstallations;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@Property(name = "micronaut.server.max-request-size", value = "16384")
class AdminErrorsTest {

    static final String TOKEN = AdminTokens.admin("alice");
    static final AtomicInteger SERVERS = new AtomicInteger(1000);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    TroubledInstallations installations;

    @Inject
    InMemoryAuditLog auditLog;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(client, json);
        installations.reset();
    }

    String anInstallation() {
        return (String) api.as(
                        TOKEN,
                        POST(
                                "/admin/installations",
                                Map.of(
                                        "name",
                                        "Errors",
                                        "site_url",
                                        "https://chat" + SERVERS.incrementAndGet() + ".example.com")))
                .json()
                .get("id");
    }

    static void assertProblem(Api.Reply reply, int status, String... detailContains) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.json())
                .containsEntry("type", "about:blank")
                .containsEntry("status", status)
                .containsKeys("title", "detail", "request_id");
        assertThat(reply.detail()).contains(detailContains);
    }

    static MutableHttpRequest<String> rawJson(MutableHttpRequest<String> request) {
        return request.contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://chat.example.com        | site_url must start with http:// or https://",
                "chat.example.com              | site_url must start with http:// or https://",
                "https://user:pw@chat.example.com | site_url must not contain a user name or password",
                "https://chat.example.com/?x=1 | site_url must not contain a query",
                "https://chat.example.com/#top | site_url must not contain a fragment",
                "'https://chat example.com'    | site_url is not a valid URL",
                "'   '                         | site_url is required"
            })
    void badSiteUrlsAre400NamingTheField(String siteUrl, String detail) {
        Api.Reply reply = api.as(TOKEN, POST("/admin/installations", Map.of("name", "x", "site_url", siteUrl)));

        assertProblem(reply, 400, detail);
        assertThat(reply.detail()).doesNotContain("site URL");
    }

    @Test
    void badInputToCreateIs400NamingTheField() {
        assertProblem(api.as(TOKEN, POST("/admin/installations", Map.of("name", "x"))), 400, "site_url is required");
        assertProblem(
                api.as(TOKEN, POST("/admin/installations", Map.of("site_url", "https://a.example.com"))),
                400,
                "name is required");
        assertProblem(
                api.as(
                        TOKEN,
                        POST(
                                "/admin/installations",
                                Map.of("name", "x".repeat(101), "site_url", "https://a.example.com"))),
                400,
                "name must be at most 100 characters");
        assertProblem(
                api.as(
                        TOKEN,
                        POST(
                                "/admin/installations",
                                Map.of(
                                        "name",
                                        "x",
                                        "site_url",
                                        "https://a.example.com",
                                        "api_url",
                                        "mattermost:8065"))),
                400,
                "api_url must start with http:// or https://");
    }

    @Test
    void malformedJsonIs400() {
        Api.Reply reply = api.as(TOKEN, rawJson(POST("/admin/installations", "{\"name\": \"x\", ")));

        assertProblem(reply, 400, "JSON");
    }

    @Test
    void malformedJsonNeverEchoesTheBody() {
        String path = "/admin/installations/" + anInstallation() + "/secret";

        Api.Reply reply = api.as(TOKEN, rawJson(PUT(path, "{\"secret\": \"hunter2-never-shown\" \"x\"}")));

        assertProblem(reply, 400, "JSON");
        assertThat(reply.body()).doesNotContain("hunter2");
    }

    @Test
    void wrongJsonTypeIs400NamingTheField() {
        Api.Reply reply = api.as(
                TOKEN,
                rawJson(POST(
                        "/admin/installations", "{\"name\": {\"a\": 1}, \"site_url\": \"https://b.example.com\"}")));

        assertProblem(reply, 400, "name must be a string");
        assertThat(reply.detail()).isEqualTo("name must be a string");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "create | '{\"name\": 918273645, \"site_url\": \"https://types.example.com\"}' | name must be a string",
                "create | '{\"name\": [\"x\"], \"site_url\": \"https://types.example.com\"}' | name must be a string",
                "create | '{\"name\": \"x\", \"site_url\": true}'                            | site_url must be a string",
                "create | '{\"name\": \"x\", \"site_url\": \"https://types.example.com\", \"api_url\": 918273645}' | api_url must be a string",
                "patch  | '{\"name\": 918273645}'                                          | name must be a string",
                "patch  | '{\"api_url\": 918273645}'                                       | api_url must be a string",
                "patch  | '{\"status\": 918273645}'                                        | status must be a string",
                "rotate | '{\"grace_seconds\": \"918273645\"}'                              | grace_seconds must be an integer number of seconds",
                "rotate | '{\"grace_seconds\": 1.5}'                                        | grace_seconds must be an integer number of seconds",
                "rotate | '{\"grace_seconds\": 60.0}'                                       | grace_seconds must be an integer number of seconds",
                "rotate | '{\"grace_seconds\": true}'                                       | grace_seconds must be an integer number of seconds",
                "rotate | '{\"grace_seconds\": [60]}'                                       | grace_seconds must be an integer number of seconds",
                "secret | '{\"secret\": 918273645}'                                        | secret must be a string",
                "secret | '{\"secret\": true}'                                             | secret must be a string",
                "secret | '{\"secret\": {\"value\": \"x\"}}'                                 | secret must be a string",
                "patch  | '{\"rate_limit\": 5}' | 'rate_limit must be a JSON object or null (for example {\"per_second\": 50, \"burst\": 100}, or null)'",
                "patch  | '{\"rate_limit\": {\"burst\": 5}}' | 'rate_limit.per_second is required (for example {\"per_second\": 50, \"burst\": 100}, or null)'",
                "patch  | '{\"rate_limit\": {\"per_second\": \"5\"}}' | 'rate_limit.per_second must be an integer number of calls a second (for example {\"per_second\": 50, \"burst\": 100}, or null)'",
                "patch  | '{\"rate_limit\": {\"per_second\": 0}}' | 'rate_limit.per_second must be between 1 and 1000000 calls a second (for example {\"per_second\": 50, \"burst\": 100}, or null)'",
                "patch  | '{\"rate_limit\": {\"per_second\": 50, \"burst\": 10}}' | 'rate_limit.burst must be at least per_second (50) (for example {\"per_second\": 50, \"burst\": 100}, or null)'",
                "patch  | '{\"rate_limit\": {\"per_second\": 5, \"rate\": 1}}' | 'rate_limit: unknown field ''rate''; allowed: per_second, burst (for example {\"per_second\": 50, \"burst\": 100}, or null)'"
            })
    void jsonOfTheWrongTypeIs400NamingTheFieldAndTheTypeWithoutEchoingTheValue(
            String endpoint, String body, String detail) {
        Api.Reply reply = api.as(TOKEN, rawJson(request(endpoint, body)));

        assertProblem(reply, 400, detail);
        assertThat(reply.detail()).isEqualTo(detail);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "create | '{\"name\": \"x\", \"site_url\": \"https://u.example.com\", \"siteUrl\": \"x\"}' | 'unknown field ''siteUrl''; allowed: name, site_url, api_url'",
                "patch  | '{\"colour\": \"red\"}'                    | 'unknown field ''colour''; allowed: name, status, api_url, rate_limit'",
                "rotate | '{\"grace\": 60}'                           | 'unknown field ''grace''; allowed: grace_seconds'",
                "rotate | '{\"graceSeconds\": 60}'                    | 'unknown field ''graceSeconds''; allowed: grace_seconds'",
                "secret | '{\"secret\": \"s\", \"weak\": true}'       | 'unknown field ''weak''; allowed: secret'"
            })
    void unknownFieldsAreRefusedByEveryBody(String endpoint, String body, String detail) {
        Api.Reply reply = api.as(TOKEN, rawJson(request(endpoint, body)));

        assertProblem(reply, 400, detail);
        assertThat(reply.detail()).isEqualTo(detail);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "create | '[1]'    | body must be a JSON object; allowed fields: name, site_url, api_url",
                "create | 'null'   | a JSON request body is required (Content-Type: application/json)",
                "patch  | '\"x\"'  | body must be a JSON object; allowed fields: name, status, api_url, rate_limit",
                "rotate | '60'     | body must be a JSON object; allowed fields: grace_seconds",
                "secret | '\"s\"'  | body must be a JSON object; allowed fields: secret"
            })
    void bodiesThatAreNotObjectsAre400(String endpoint, String body, String detail) {
        Api.Reply reply = api.as(TOKEN, rawJson(request(endpoint, body)));

        assertProblem(reply, 400, detail);
        assertThat(reply.detail()).isEqualTo(detail);
    }

    MutableHttpRequest<String> request(String endpoint, String body) {
        return switch (endpoint) {
            case "create" -> POST("/admin/installations", body);
            case "patch" -> PATCH("/admin/installations/" + anInstallation(), body);
            case "rotate" -> POST("/admin/installations/" + anInstallation() + "/secret/rotate", body);
            case "secret" -> PUT("/admin/installations/" + anInstallation() + "/secret", body);
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    @Test
    void unknownFieldIs400NamingIt() {
        Api.Reply reply = api.as(
                TOKEN,
                POST(
                        "/admin/installations",
                        Map.of("name", "x", "site_url", "https://c.example.com", "siteUrl", "https://c.example.com")));

        assertProblem(reply, 400, "unknown field 'siteUrl'; allowed: name, site_url, api_url");
    }

    @Test
    void missingBodyIs400() {
        String id = anInstallation();

        assertProblem(api.as(TOKEN, rawJson(POST("/admin/installations", ""))), 400, "a JSON request body is required");
        assertProblem(
                api.as(TOKEN, rawJson(PATCH("/admin/installations/" + id, ""))),
                400,
                "a JSON request body is required");
        assertProblem(
                api.as(TOKEN, rawJson(PUT("/admin/installations/" + id + "/secret", ""))),
                400,
                "a JSON request body is required");
    }

    @Test
    void badPagingIs400NamingTheParameter() {
        assertProblem(api.as(TOKEN, GET("/admin/installations?page=-1")), 400, "page must be 0 or more");
        assertProblem(api.as(TOKEN, GET("/admin/installations?size=0")), 400, "size must be between 1 and 500");
        assertProblem(api.as(TOKEN, GET("/admin/installations?size=501")), 400, "size must be between 1 and 500");
        assertProblem(api.as(TOKEN, GET("/admin/installations?page=abc")), 400, "page must be an integer");
    }

    @Test
    void badPatchesAre400NamingTheField() {
        String path = "/admin/installations/" + anInstallation();

        assertProblem(
                api.as(TOKEN, PATCH(path, Map.of("status", "paused"))),
                400,
                "status must be \"ACTIVE\" or \"DISABLED\"");
        assertProblem(api.as(TOKEN, PATCH(path, Map.of("colour", "red"))), 400, "unknown field 'colour'");
        assertProblem(api.as(TOKEN, PATCH(path, Map.of())), 400, "nothing to change");
        assertProblem(api.as(TOKEN, PATCH(path, Map.of("name", 5))), 400, "name must be a string");
        assertProblem(api.as(TOKEN, PATCH(path, Map.of("name", " "))), 400, "name is required");
        assertProblem(api.as(TOKEN, rawJson(PATCH(path, "{\"name\": null}"))), 400, "name is required");
        assertProblem(
                api.as(TOKEN, rawJson(PATCH(path, "{\"status\": null}"))),
                400,
                "status must be \"ACTIVE\" or \"DISABLED\"");
        assertProblem(
                api.as(TOKEN, PATCH(path, Map.of("api_url", "ftp://x.example.com"))),
                400,
                "api_url must start with http");
        assertProblem(api.as(TOKEN, rawJson(PATCH(path, "[1]"))), 400, "body must be a JSON object");
    }

    @Test
    void badGraceIs400NamingTheField() {
        String path = "/admin/installations/" + anInstallation() + "/secret/rotate";

        assertProblem(
                api.as(TOKEN, POST(path, Map.of("grace_seconds", -1))),
                400,
                "grace_seconds must be between 0 and 2592000 seconds");
        assertProblem(
                api.as(TOKEN, POST(path, Map.of("grace_seconds", 30L * 24 * 3600 + 1))),
                400,
                "grace_seconds must be between 0 and 2592000 seconds");
        assertProblem(
                api.as(TOKEN, rawJson(POST(path, "{\"grace_seconds\": 100000000000000000000000}"))),
                400,
                "grace_seconds must be between 0 and 2592000 seconds");
        assertProblem(
                api.as(TOKEN, POST(path, Map.of("grace_seconds", "soon"))),
                400,
                "grace_seconds must be an integer number of seconds");
        assertThat(api.as(TOKEN, POST(path, Map.of("grace_seconds", 30L * 24 * 3600)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void badSecretsAre400NamingTheField() {
        String path = "/admin/installations/" + anInstallation() + "/secret";

        assertProblem(api.as(TOKEN, PUT(path, Map.of())), 400, "secret is required");
        assertProblem(
                api.as(TOKEN, PUT(path, Map.of("secret", " padded-secret-with-spaces-0123456789 "))),
                400,
                "secret must not be blank or start or end with white space");
    }

    @Test
    void badAuditFiltersAre400NamingTheParameter() {
        assertProblem(api.as(TOKEN, GET("/admin/audit?installation_id=42")), 400, "installation_id must be a UUID");
        assertProblem(api.as(TOKEN, GET("/admin/audit?since=yesterday")), 400, "since must be an ISO-8601 instant");
        assertProblem(api.as(TOKEN, GET("/admin/audit?limit=0")), 400, "limit must be between 1 and 1000");
    }

    @Test
    void malformedIdIs400SayingWhatAnIdLooksLike() {
        assertProblem(api.as(TOKEN, GET("/admin/installations/not-a-uuid")), 400, "installation id must be a UUID");
        assertProblem(api.as(TOKEN, DELETE("/admin/installations/not-a-uuid")), 400, "installation id must be a UUID");
    }

    @Test
    void unknownIdIs404ForEveryEndpoint() {
        String id = InstallationId.random().toString();
        String path = "/admin/installations/" + id;

        assertProblem(api.as(TOKEN, GET(path)), 404, "no installation with id " + id);
        assertProblem(api.as(TOKEN, PATCH(path, Map.of("name", "x"))), 404, "no installation with id " + id);
        assertProblem(api.as(TOKEN, POST(path + "/secret/rotate", Map.of())), 404, "no installation with id " + id);
        assertProblem(
                api.as(TOKEN, PUT(path + "/secret", Map.of("secret", "x".repeat(40)))),
                404,
                "no installation with id " + id);
        assertProblem(api.as(TOKEN, DELETE(path)), 404, "no installation with id " + id);
    }

    @Test
    void unknownAdminRouteIs404ProblemAndWrongMethodIs405Problem() {
        assertProblem(api.as(TOKEN, GET("/admin/nothing-here")), 404, "no such resource");
        assertProblem(api.as(TOKEN, PUT("/admin/installations", Map.of())), 405, "PUT is not allowed");
    }

    @Test
    void duplicateSiteUrlIs409() {
        String siteUrl = "https://chat" + SERVERS.incrementAndGet() + ".example.com";
        api.as(TOKEN, POST("/admin/installations", Map.of("name", "First", "site_url", siteUrl)));

        Api.Reply reply =
                api.as(TOKEN, POST("/admin/installations", Map.of("name", "Second", "site_url", siteUrl + "/")));

        assertProblem(reply, 409, "site_url " + siteUrl + " is already registered");
    }

    @Test
    void lostOptimisticRaceIs409AndAppliesNothing() {
        String id = anInstallation();
        installations.raceNextUpdate();

        Api.Reply reply = api.as(TOKEN, PATCH("/admin/installations/" + id, Map.of("name", "Mine")));

        assertProblem(reply, 409, "changed by someone else", "read it again and retry");
        Api.Reply now = api.as(TOKEN, GET("/admin/installations/" + id));
        assertThat(now.json().get("name")).isEqualTo("Errors (renamed meanwhile)");
        assertThat(auditLog.all().get(auditLog.all().size() - 1).outcome()).isEqualTo(AuditOutcome.REFUSED);
    }

    @Test
    void oversizedBodyIs413() {
        Api.Reply reply = api.as(
                TOKEN,
                POST(
                        "/admin/installations",
                        Map.of("name", "x".repeat(20_000), "site_url", "https://big.example.com")));

        assertProblem(reply, 413, "too large");
    }

    @Test
    void databaseOutageIs503WithRetryAfter() {
        installations.outage(true);

        // a fixed request id: a random one (echoed in the body) could contain "5432" by chance
        Api.Reply list = api.as(TOKEN, GET("/admin/installations").header(RequestIdFilter.HEADER, "req-503"));
        Api.Reply create = api.as(
                TOKEN, POST("/admin/installations", Map.of("name", "x", "site_url", "https://down.example.com")));

        assertProblem(list, 503, "database unavailable, retry later");
        assertProblem(create, 503, "database unavailable, retry later");
        assertThat(list.headers().get(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(list.body()).doesNotContain("5432").doesNotContain("connection refused");
    }

    @Test
    void unexpectedFailureIs500WithoutInternalsAndLoggedWithTheRequestId() {
        installations.failWith(
                new IllegalStateException("jdbc:postgresql://db.internal:5432/gatehouse?password=hunter2"));
        try (LogCapture logs = new LogCapture()) {
            Api.Reply reply = api.as(TOKEN, GET("/admin/installations").header(RequestIdFilter.HEADER, "req-500"));

            assertProblem(reply, 500, "req-500");
            assertThat(reply.body())
                    .doesNotContain("jdbc")
                    .doesNotContain("hunter2")
                    .doesNotContain("IllegalState");
            assertThat(logs.events()).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains("req-500");
                assertThat(event.getThrowableProxy().getMessage()).contains("db.internal");
            });
        }
    }

    @Test
    void mattermostPathsGetAnErrorCallResponseWithTheSameStatus() {
        Api.Reply badInput = api.send(GET("/i/probe/fail/bad-input"));
        Api.Reply storage = api.send(GET("/i/probe/fail/storage"));
        Api.Reply unexpected = api.send(GET("/i/probe/fail/bug"));
        Api.Reply unknownRoute = api.send(GET("/i/" + InstallationId.random() + "/nothing-here"));

        assertThat(badInput.status()).isEqualTo(400);
        assertThat(badInput.contentType()).isEqualTo("application/json");
        assertThat(badInput.json()).isEqualTo(Map.of("type", "error", "text", "context.acting_user.id is required"));
        assertThat(storage.status()).isEqualTo(503);
        assertThat(storage.json()).isEqualTo(Map.of("type", "error", "text", "database unavailable, retry later"));
        assertThat(unexpected.status()).isEqualTo(500);
        assertThat(unexpected.json()).containsEntry("type", "error");
        assertThat(unexpected.body()).doesNotContain("hunter2");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.json()).containsEntry("type", "error");
    }
}
