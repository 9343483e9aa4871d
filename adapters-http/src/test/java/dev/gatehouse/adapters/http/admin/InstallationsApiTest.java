package dev.gatehouse.adapters.http.admin;

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
import dev.gatehouse.adapters.http.TroubledInstallations;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
class InstallationsApiTest {

    static final String TOKEN = AdminTokens.admin("alice");
    static final AtomicInteger SERVERS = new AtomicInteger();
    static final Set<String> INSTALLATION_FIELDS = Set.of(
            "id",
            "name",
            "site_url",
            "api_url",
            "status",
            "weak_secret",
            "previous_secret_expires_at",
            "bot_user_id",
            "installed_at",
            "uninstalled_at",
            "created_at",
            "updated_at",
            "version",
            "manifest_url",
            "install_command",
            "slash_commands",
            "rate_limit");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    MutableClock clock;

    @Inject
    InMemoryAuditLog auditLog;

    @Inject
    TroubledInstallations installations;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(client, json);
        clock.set(InstallationFixtures.T0);
        installations.reset();
    }

    static String newSiteUrl() {
        return "https://chat" + SERVERS.incrementAndGet() + ".example.com";
    }

    Api.Reply create(String name, String siteUrl) {
        return api.as(TOKEN, POST("/admin/installations", Map.of("name", name, "site_url", siteUrl)));
    }

    @Test
    void createAnswers201WithTheInstallationItsSecretManifestUrlAndInstallCommand() {
        String siteUrl = newSiteUrl();
        Api.Reply reply = api.as(
                TOKEN,
                POST(
                        "/admin/installations",
                        Map.of(
                                "name",
                                "  Team chat ",
                                "site_url",
                                siteUrl.toUpperCase().replace("HTTPS", "https") + "/",
                                "api_url",
                                "http://mattermost.internal:8065")));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        Map<String, Object> body = reply.json();
        String id = (String) body.get("id");
        assertThat(InstallationId.parse(id)).isNotNull();
        assertThat(reply.headers().get(HttpHeaders.LOCATION)).isEqualTo("/admin/installations/" + id);
        assertThat(body.keySet()).containsAll(INSTALLATION_FIELDS).contains("secret");
        assertThat(body.keySet()).hasSize(INSTALLATION_FIELDS.size() + 1);
        assertThat(body)
                .containsEntry("name", "Team chat")
                .containsEntry("site_url", siteUrl)
                .containsEntry("api_url", "http://mattermost.internal:8065")
                .containsEntry("status", "active")
                .containsEntry("weak_secret", false)
                .containsEntry("previous_secret_expires_at", null)
                .containsEntry("bot_user_id", null)
                .containsEntry("installed_at", null)
                .containsEntry("uninstalled_at", null)
                .containsEntry("created_at", "2026-01-01T00:00:00Z")
                .containsEntry("updated_at", "2026-01-01T00:00:00Z")
                .containsEntry("version", 0)
                .containsEntry("manifest_url", "https://gatehouse.example.com/i/" + id + "/manifest.json")
                .containsEntry(
                        "install_command",
                        "/apps install http https://gatehouse.example.com/i/" + id + "/manifest.json");
        assertThat((Map<String, Object>) body.get("slash_commands"))
                .containsEntry("bot_user_id", null)
                .containsEntry("teams", List.of());
        String secret = (String) body.get("secret");
        assertThat(secret).hasSize(43);
        assertThat(installations
                        .findById(InstallationId.parse(id))
                        .orElseThrow()
                        .secret()
                        .matches(new Secret(secret)))
                .isTrue();
    }

    @Test
    void getShowsTheInstallationWithoutItsSecret() {
        Api.Reply created = create("Ops", newSiteUrl());
        String id = (String) created.json().get("id");

        Api.Reply reply = api.as(TOKEN, GET("/admin/installations/" + id));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().keySet()).isEqualTo(INSTALLATION_FIELDS);
        assertThat(reply.json())
                .containsEntry("id", id)
                .containsEntry("name", "Ops")
                .containsEntry("api_url", null);
        assertThat(reply.body()).doesNotContain((String) created.json().get("secret"));
    }

    @Test
    void listPagesThroughInstallationsWithoutSecrets() {
        List<String> secrets = List.of(
                (String) create("A", newSiteUrl()).json().get("secret"),
                (String) create("B", newSiteUrl()).json().get("secret"),
                (String) create("C", newSiteUrl()).json().get("secret"));

        Api.Reply first = api.as(TOKEN, GET("/admin/installations?page=0&size=2"));
        Api.Reply all = api.as(TOKEN, GET("/admin/installations"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().keySet()).containsExactlyInAnyOrder("items", "page", "size", "total");
        assertThat(first.json()).containsEntry("page", 0).containsEntry("size", 2);
        assertThat(first.items())
                .hasSize(2)
                .allSatisfy(item -> assertThat(item.keySet()).isEqualTo(INSTALLATION_FIELDS));
        int total = (Integer) all.json().get("total");
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(all.json()).containsEntry("size", 50);
        assertThat(all.items()).hasSize(Math.min(total, 50));
        Api.Reply last = api.as(TOKEN, GET("/admin/installations?page=" + ((total - 1) / 2) + "&size=2"));
        assertThat(last.items()).isNotEmpty();
        Api.Reply beyond = api.as(TOKEN, GET("/admin/installations?page=100000&size=2"));
        assertThat(beyond.json()).containsEntry("items", java.util.List.of()).containsEntry("page", 100000);
        Api.Reply noEvents = api.as(TOKEN, GET("/admin/audit?installation_id=00000000-0000-0000-0000-000000000000"));
        assertThat(noEvents.json()).containsEntry("items", java.util.List.of());
        secrets.forEach(
                secret -> assertThat(all.body() + first.body() + last.body()).doesNotContain(secret));
    }

    @Test
    void patchRenamesDisablesReEnablesAndSetsAndClearsTheApiUrl() {
        String id = (String) create("Before", newSiteUrl()).json().get("id");
        String path = "/admin/installations/" + id;

        clock.advance(Duration.ofMinutes(1));
        Api.Reply renamed =
                api.as(TOKEN, PATCH(path, Map.of("name", "After", "api_url", "https://internal.example.com:8443/")));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json())
                .containsEntry("name", "After")
                .containsEntry("status", "active")
                .containsEntry("api_url", "https://internal.example.com:8443")
                .containsEntry("updated_at", "2026-01-01T00:01:00Z")
                .containsEntry("version", 1);
        assertThat(renamed.json()).doesNotContainKey("secret");

        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "disabled"))).json())
                .containsEntry("status", "disabled");
        assertThat(api.as(TOKEN, GET(path)).json()).containsEntry("status", "disabled");
        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "active"))).json())
                .containsEntry("status", "active");

        assertThat(api.as(TOKEN, PATCH(path, "{\"api_url\":null}")).json())
                .containsEntry("api_url", null)
                .containsEntry("name", "After");
        api.as(TOKEN, PATCH(path, Map.of("api_url", "https://internal.example.com")));
        assertThat(api.as(TOKEN, PATCH(path, Map.of("api_url", ""))).json()).containsEntry("api_url", null);
    }

    @Test
    void patchSetsAnInstallationsOwnRateLimitAndNullReturnsItToTheDefault() {
        String id = (String) create("Limited", newSiteUrl()).json().get("id");
        String path = "/admin/installations/" + id;
        assertThat(api.as(TOKEN, GET(path)).json()).containsEntry("rate_limit", null);

        assertThat(api.as(TOKEN, PATCH(path, Map.of("rate_limit", Map.of("per_second", 50, "burst", 120))))
                        .json())
                .containsEntry("rate_limit", Map.of("per_second", 50, "burst", 120));
        assertThat(api.as(TOKEN, PATCH(path, Map.of("rate_limit", Map.of("per_second", 7))))
                        .json())
                .as("burst defaults to twice the rate")
                .containsEntry("rate_limit", Map.of("per_second", 7, "burst", 14));
        assertThat(api.as(TOKEN, GET(path)).json()).containsEntry("rate_limit", Map.of("per_second", 7, "burst", 14));
        assertThat(api.as(TOKEN, PATCH(path, "{\"rate_limit\":null}")).json()).containsEntry("rate_limit", null);
        assertThat(api.as(TOKEN, GET("/admin/audit?installation_id=" + id)).items())
                .extracting(e -> e.get("detail"))
                .contains("rate_limit=50/s burst 120", "rate_limit=7/s burst 14", "rate_limit=(default)");
    }

    @Test
    void aPatchThatChangesNothingWritesNothing() {
        String id = (String) create("Unchanged", newSiteUrl()).json().get("id");
        String path = "/admin/installations/" + id;
        Object version = api.as(TOKEN, GET(path)).json().get("version");
        int events =
                api.as(TOKEN, GET("/admin/audit?installation_id=" + id)).items().size();

        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "active"))).json())
                .containsEntry("status", "active")
                .containsEntry("version", version);
        assertThat(api.as(TOKEN, PATCH(path, Map.of("name", " Unchanged ", "api_url", "")))
                        .json())
                .containsEntry("version", version);
        assertThat(api.as(TOKEN, GET(path)).json()).containsEntry("version", version);
        assertThat(api.as(TOKEN, GET("/admin/audit?installation_id=" + id)).items())
                .hasSize(events);

        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "disabled"))).json())
                .containsEntry("version", ((Number) version).intValue() + 1);
    }

    @Test
    void adminLogLinesAboutOneInstallationCarryItsId() {
        String id = (String) create("Logged", newSiteUrl()).json().get("id");
        try (LogCapture logs = new LogCapture()) {
            api.as(TOKEN, PATCH("/admin/installations/" + id, Map.of("name", "Logged again")));
            api.as(TOKEN, POST("/admin/installations/" + id + "/secret/rotate", Map.of()));
            assertThat(logs.events())
                    .filteredOn(e -> e.getLoggerName().endsWith("InstallationsController"))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("installation_id", id));
        }
    }

    @Test
    void patchTakesTheStatusAsDesignSpellsItInAnyCase() {
        String path = "/admin/installations/"
                + create("Statuses", newSiteUrl()).json().get("id");

        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "DISABLED"))).json())
                .containsEntry("status", "disabled");
        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "ACTIVE"))).json())
                .containsEntry("status", "active");
        assertThat(api.as(TOKEN, PATCH(path, Map.of("status", "Disabled"))).json())
                .containsEntry("status", "disabled");
    }

    @Test
    void rotateWithAnEmptyObjectANullBodyOrANullGraceKeepsTheDefaultGrace() {
        String id = (String) create("Defaults", newSiteUrl()).json().get("id");
        String path = "/admin/installations/" + id + "/secret/rotate";

        for (String body : List.of("{}", "null", "{\"grace_seconds\": null}")) {
            Api.Reply rotated = api.as(TOKEN, POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE));

            assertThat(rotated.status()).as(body + ": " + rotated.body()).isEqualTo(200);
            assertThat(rotated.json()).as(body).containsEntry("previous_secret_expires_at", "2026-01-02T00:00:00Z");
        }
    }

    @Test
    void rotateTakesTheGraceInWholeSeconds() {
        String id = (String) create("Seconds", newSiteUrl()).json().get("id");

        Api.Reply rotated = api.as(
                TOKEN,
                POST("/admin/installations/" + id + "/secret/rotate", "{\"grace_seconds\": 90}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json()).containsEntry("previous_secret_expires_at", "2026-01-01T00:01:30Z");
    }

    @Test
    void rotateWithTheDefaultGraceKeepsTheOldSecretForADay() {
        Api.Reply created = create("Rotating", newSiteUrl());
        String id = (String) created.json().get("id");
        clock.advance(Duration.ofHours(1));

        Api.Reply rotated = api.as(TOKEN, POST("/admin/installations/" + id + "/secret/rotate", ""));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().keySet()).containsAll(INSTALLATION_FIELDS).contains("secret");
        assertThat(rotated.json())
                .containsEntry("id", id)
                .containsEntry("previous_secret_expires_at", "2026-01-02T01:00:00Z");
        String newSecret = (String) rotated.json().get("secret");
        assertThat(newSecret).hasSize(43).isNotEqualTo(created.json().get("secret"));
        var stored = installations.findById(InstallationId.parse(id)).orElseThrow();
        assertThat(stored.acceptedSecrets(clock.instant())).hasSize(2);
        assertThat(stored.secret().matches(new Secret(newSecret))).isTrue();
        Api.Reply shown = api.as(TOKEN, GET("/admin/installations/" + id));
        assertThat(shown.json()).containsEntry("previous_secret_expires_at", "2026-01-02T01:00:00Z");
        assertThat(shown.body()).doesNotContain(newSecret);
    }

    @Test
    void rotateWithGraceZeroRevokesTheOldSecretAtOnce() {
        String id = (String) create("Revoking", newSiteUrl()).json().get("id");

        Api.Reply rotated =
                api.as(TOKEN, POST("/admin/installations/" + id + "/secret/rotate", Map.of("grace_seconds", 0)));

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json()).containsEntry("previous_secret_expires_at", null);
        assertThat(installations
                        .findById(InstallationId.parse(id))
                        .orElseThrow()
                        .acceptedSecrets(clock.instant()))
                .hasSize(1);
    }

    @Test
    void putSecretAdoptsAnOperatorChosenSecretAndDoesNotEchoIt() {
        String id = (String) create("Adopting", newSiteUrl()).json().get("id");
        String chosen = "an-operator-chosen-secret-of-40-characters";

        Api.Reply reply = api.as(TOKEN, PUT("/admin/installations/" + id + "/secret", Map.of("secret", chosen)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().keySet()).isEqualTo(INSTALLATION_FIELDS);
        assertThat(reply.json()).containsEntry("weak_secret", false);
        assertThat(reply.body()).doesNotContain(chosen);
        assertThat(installations
                        .findById(InstallationId.parse(id))
                        .orElseThrow()
                        .secret()
                        .matches(new Secret(chosen)))
                .isTrue();
    }

    @Test
    void putSecretRefusesAWeakSecretNamingTheField() {
        String id = (String) create("Weak", newSiteUrl()).json().get("id");

        Api.Reply reply = api.as(TOKEN, PUT("/admin/installations/" + id + "/secret", Map.of("secret", "short-one")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.detail()).contains("secret").contains("32");
        assertThat(reply.body()).doesNotContain("short-one");
    }

    @Test
    void deleteAnswers204AndTheInstallationIsGone() {
        String id = (String) create("Leaving", newSiteUrl()).json().get("id");

        Api.Reply deleted = api.as(TOKEN, DELETE("/admin/installations/" + id));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isNullOrEmpty();
        assertThat(api.as(TOKEN, GET("/admin/installations/" + id)).status()).isEqualTo(404);
    }

    @Test
    void auditListsEventsNewestFirstWithTheAdminAsActorAndFilters() {
        String id = (String) create("Audited", newSiteUrl()).json().get("id");
        clock.advance(Duration.ofMinutes(5));
        api.as(TOKEN, POST("/admin/installations/" + id + "/secret/rotate", Map.of("grace_seconds", 60)));

        Api.Reply reply = api.as(TOKEN, GET("/admin/audit?installation_id=" + id));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().keySet()).containsExactly("items");
        assertThat(reply.items()).hasSize(2);
        assertThat(reply.items().get(0))
                .isEqualTo(Map.of(
                        "at",
                        "2026-01-01T00:05:00Z",
                        "actor",
                        "admin:alice",
                        "installation_id",
                        id,
                        "action",
                        "secret.rotate",
                        "outcome",
                        "succeeded",
                        "detail",
                        "grace_seconds=60",
                        "count",
                        1,
                        "first_seen",
                        "2026-01-01T00:05:00Z"));
        assertThat(reply.items().get(1))
                .containsEntry("action", "installation.register")
                .containsEntry("at", "2026-01-01T00:00:00Z");

        assertThat(api.as(TOKEN, GET("/admin/audit?installation_id=" + id + "&since=2026-01-01T00:01:00Z"))
                        .items())
                .extracting(e -> e.get("action"))
                .containsExactly("secret.rotate");
        assertThat(api.as(TOKEN, GET("/admin/audit?installation_id=" + id + "&limit=1"))
                        .items())
                .hasSize(1);
        assertThat(api.as(TOKEN, GET("/admin/audit")).items()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void auditSinceOutsideASaneRangeIsA400() {
        for (String since :
                List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0001-01-01T00:00:00Z")) {
            Api.Reply reply = api.as(TOKEN, GET("/admin/audit?since=" + since.replace("+", "%2B")));
            assertThat(reply.status()).as(since).isEqualTo(400);
            assertThat(reply.detail()).as(since).contains("since must be between 1970-01-01T00:00:00Z");
        }
    }

    @Test
    void refusalsAreAuditedWithTheAdminAsActorToo() {
        String unknown = InstallationId.random().toString();

        api.as(AdminTokens.admin("bob"), DELETE("/admin/installations/" + unknown));

        AuditEvent last = auditLog.all().get(auditLog.all().size() - 1);
        assertThat(last.actor()).isEqualTo("admin:bob");
        assertThat(last.action()).isEqualTo("installation.delete");
        assertThat(last.detail()).isEqualTo("not found");
    }

    @Test
    void secretsNeverReachTheLogs() {
        try (LogCapture logs = new LogCapture()) {
            Api.Reply created = create("Logged", newSiteUrl());
            String id = (String) created.json().get("id");
            Api.Reply rotated = api.as(TOKEN, POST("/admin/installations/" + id + "/secret/rotate", Map.of()));
            String chosen = "operator-chosen-secret-that-must-stay-hidden";
            api.as(TOKEN, PUT("/admin/installations/" + id + "/secret", Map.of("secret", chosen)));
            api.as(TOKEN, PUT("/admin/installations/" + id + "/secret", Map.of("secret", "weak-hidden")));

            assertThat(logs.events()).isNotEmpty();
            assertThat(logs.everything())
                    .contains(id)
                    .doesNotContain((String) created.json().get("secret"))
                    .doesNotContain((String) rotated.json().get("secret"))
                    .doesNotContain(chosen)
                    .doesNotContain("weak-hidden")
                    .doesNotContain(TOKEN);
        }
    }
}
