package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What a Mattermost admin's {@code /apps install http <manifest URL>} does, step by step (PROTOCOL.md §7). */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gatehouse.public-url", value = CallTestSupport.PUBLIC_URL)
class InstallFlowTest extends CallTestSupport {

    private static final Set<String> EXPAND_LEVELS = Set.of("id", "summary", "all", "+id", "+summary", "+all");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Inject
    JsonMapper json;

    private final FakeMattermost mattermost = new FakeMattermost("install");

    InstallFlowTest() throws IOException {}

    @AfterAll
    void stop() {
        mattermost.close();
    }

    private Map<String, Object> parse(String body) throws IOException {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static void assertValidCall(Object call, String path) {
        Map<String, Object> c = map(call);
        assertThat(c.get("path")).isEqualTo(path);
        if (c.containsKey("expand")) {
            assertThat(map(c.get("expand")).values())
                    .allSatisfy(level -> assertThat(EXPAND_LEVELS).contains((String) level));
        }
    }

    @Test
    void theManifestIsValidForMattermost() throws Exception {
        Installation installation = register("https://manifest.example.com", Secret.generate());
        HttpResponse<byte[]> response = mattermost.get(url(installation, "/manifest.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body().length).isLessThan(1024 * 1024);
        Map<String, Object> manifest = parse(new String(response.body()));

        assertThat((String) manifest.get("app_id"))
                .matches("[A-Za-z0-9._-]{3,32}")
                .isEqualTo("hello-jwt");
        assertThat((String) manifest.get("version"))
                .matches("[A-Za-z0-9._-]{1,10}")
                .isEqualTo("v0.1.0");
        URI homepage = URI.create((String) manifest.get("homepage_url"));
        assertThat(homepage.getScheme()).isIn("http", "https");
        assertThat(homepage.getHost()).isNotBlank();
        assertThat((String) manifest.get("display_name")).isNotBlank();
        assertThat((String) manifest.get("description")).isNotBlank();
        assertThat(manifest.get("icon")).isEqualTo("icon.png");
        List<Object> permissions = list(manifest.get("requested_permissions"));
        assertThat(permissions).containsExactlyInAnyOrder("act_as_bot", "act_as_user", "remote_oauth2");
        assertThat(list(manifest.get("requested_locations"))).containsExactly("/command");

        Map<String, Object> http = map(manifest.get("http"));
        assertThat(http.get("root_url")).isEqualTo(PUBLIC_URL + "/i/" + installation.id());
        assertThat(http.get("use_jwt")).isEqualTo(true);

        assertValidCall(manifest.get("bindings"), "/bindings");
        assertThat(map(map(manifest.get("bindings")).get("expand"))).containsEntry("acting_user", "summary");
        assertValidCall(manifest.get("on_install"), "/install");
        assertThat(map(map(manifest.get("on_install")).get("expand")))
                .containsEntry("acting_user", "id")
                .containsEntry("app", "summary");
        assertValidCall(manifest.get("on_uninstall"), "/uninstall");
        assertThat(map(map(manifest.get("on_uninstall")).get("expand"))).containsKey("acting_user");

        // a manifest expand replaces the plugin's default (PROTOCOL.md §1): each OAuth2 call lists all it needs
        assertValidCall(manifest.get("get_oauth2_connect_url"), "/oauth2/connect");
        assertThat(map(map(manifest.get("get_oauth2_connect_url")).get("expand")))
                .isEqualTo(Map.of("acting_user", "summary", "acting_user_access_token", "all", "oauth2_app", "all"));
        assertValidCall(manifest.get("on_oauth2_complete"), "/oauth2/complete");
        assertThat(map(map(manifest.get("on_oauth2_complete")).get("expand")))
                .isEqualTo(Map.of(
                        "acting_user",
                        "summary",
                        "acting_user_access_token",
                        "all",
                        "oauth2_app",
                        "all",
                        "oauth2_user",
                        "all"));
    }

    @Test
    void anUnknownOrMalformedIdHasNoManifestAndNoIcon() throws Exception {
        for (String id : List.of("123e4567-e89b-12d3-a456-426614174000", "not-an-id")) {
            HttpResponse<byte[]> manifest = mattermost.get(url(id, "/manifest.json"));
            assertThat(manifest.statusCode()).isEqualTo(404);
            assertThat(parse(new String(manifest.body()))).containsEntry("type", "error");
            assertThat(mattermost.get(url(id, "/static/icon.png")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aDisabledInstallationStillServesItsManifestAndIcon() throws Exception {
        Installation installation = register("https://disabled.example.com", Secret.generate());
        installations.update(installation.disable(clock.instant()));
        assertThat(mattermost.get(url(installation, "/manifest.json")).statusCode())
                .isEqualTo(200);
        assertThat(mattermost.get(url(installation, "/static/icon.png")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void installsWithAShortSecretPingsFetchesTheIconAndRecordsTheBot() throws Exception {
        Secret secret = new Secret("1234");
        Installation installation = register(mattermost.url(), secret);
        try (CapturedLogs logs = new CapturedLogs()) {
            // 1. ping with the new secret and a bare context
            var ping = mattermost.call(
                    url(installation, "/ping"),
                    bearer(CallTokens.mattermost(secret, clock.instant(), null)),
                    FakeMattermost.pingBody());
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(parse(ping.body())).isEqualTo(Map.of("type", "ok"));

            // 2. the icon, without a token
            HttpResponse<byte[]> icon = mattermost.get(url(installation, "/static/icon.png"));
            assertThat(icon.statusCode()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(Arrays.copyOf(icon.body(), 8)).isEqualTo(PNG_SIGNATURE);

            // 3. on_install, acting as the admin who installs
            String install = mattermost.callBody("/install", mattermost.url(), "admin1", "system_user system_admin");
            var installed = mattermost.call(
                    url(installation, "/install"),
                    bearer(CallTokens.mattermost(secret, clock.instant(), "admin1")),
                    install);
            assertThat(installed.statusCode()).isEqualTo(200);
            assertThat(parse(installed.body())).containsEntry("type", "ok").containsKey("text");
            Installation stored = installations.findById(installation.id()).orElseThrow();
            assertThat(stored.botUserId()).contains(mattermost.botUserId);
            assertThat(stored.installedAt()).contains(clock.instant());
            assertThat(auditLog.all()).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("app.install");
                assertThat(e.installationId()).isEqualTo(installation.id());
                assertThat(e.actor()).isEqualTo("mattermost:admin1");
            });

            // 4. info
            var info = mattermost.call(
                    url(installation, "/info"),
                    bearer(CallTokens.mattermost(secret, clock.instant(), "u1")),
                    mattermost.callBody("/info", mattermost.url(), "u1", "system_user"));
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat((String) parse(info.body()).get("text"))
                    .contains(installation.name())
                    .contains("v0.1.0")
                    .contains("@user-u1")
                    .contains("u1");

            // 5. connecting on a Gatehouse whose operator configured no OAuth2 provider is a clear error
            var connect = mattermost.call(
                    url(installation, "/connect"),
                    bearer(CallTokens.mattermost(secret, clock.instant(), "u1")),
                    mattermost.callBody("/connect", mattermost.url(), "u1", "system_user"));
            assertThat(connect.statusCode()).isEqualTo(200);
            assertThat(parse(connect.body())).containsEntry("type", "error");
            assertThat((String) parse(connect.body()).get("text"))
                    .contains("operator has not configured an OAuth2 provider")
                    .doesNotContain("GATEHOUSE_");

            // 6. on_uninstall
            var uninstalled = mattermost.call(
                    url(installation, "/uninstall"),
                    bearer(CallTokens.mattermost(secret, clock.instant(), "admin1")),
                    mattermost.callBody("/uninstall", mattermost.url(), "admin1", "system_admin"));
            assertThat(parse(uninstalled.body())).containsEntry("type", "ok");
            assertThat(installations.findById(installation.id()).orElseThrow().uninstalledAt())
                    .isPresent();
            assertThat(auditLog.all()).extracting(AuditEvent::action).contains("app.uninstall");

            assertNoLeak(logs.texts(), "1234", mattermost.botToken, "private-body-marker");
        }
    }

    private static void assertExactlyOneAction(Object binding) {
        Map<String, Object> b = map(binding);
        long actions = List.of("submit", "form", "bindings").stream()
                .filter(b::containsKey)
                .count();
        assertThat(actions).as("exactly one of submit/form/bindings in %s", b).isEqualTo(1);
        if (b.containsKey("label")) {
            assertThat((String) b.get("label")).doesNotContainAnyWhitespaces();
        }
        if (b.containsKey("submit")) {
            assertValidCall(b.get("submit"), (String) map(b.get("submit")).get("path"));
        }
        if (b.containsKey("bindings")) {
            list(b.get("bindings")).forEach(InstallFlowTest::assertExactlyOneAction);
        }
    }

    @Test
    void bindingsOfferConfigureToSystemAdminsOnly() throws Exception {
        Secret secret = Secret.generate();
        Installation installation = register("http://bindings.example.com", secret);
        FakeMattermost site = mattermost;
        List<Object> user = commandsAt(installation, secret, "u1", "system_user", site);
        assertThat(user)
                .extracting(b -> map(b).get("label"))
                .containsExactly("send", "info", "connect", "disconnect", "me", "help");
        Map<String, Object> send = map(user.get(0));
        assertThat(map(send.get("submit"))).isEqualTo(Map.of("path", "/send", "expand", Map.of("acting_user", "id")));
        Map<String, Object> connect = map(user.get(2));
        assertThat(map(map(connect.get("submit")).get("expand"))).containsEntry("oauth2_app", "all");
        Map<String, Object> me = map(user.get(4));
        assertThat(map(map(me.get("submit")).get("expand"))).containsEntry("oauth2_user", "all");

        List<Object> admin = commandsAt(installation, secret, "a1", "system_user system_admin", site);
        assertThat(admin)
                .extracting(b -> map(b).get("label"))
                .containsExactly("send", "info", "connect", "disconnect", "me", "configure", "help");
        Map<String, Object> form = map(map(admin.get(5)).get("form"));
        assertThat(map(form.get("submit")))
                .isEqualTo(Map.of(
                        "path",
                        "/configure",
                        "expand",
                        Map.of("acting_user", "summary", "acting_user_access_token", "all")));
        List<Object> fields = list(form.get("fields"));
        assertThat(fields).extracting(f -> map(f).get("name")).containsExactly("client_id", "client_secret");
        assertThat(map(fields.get(1))).containsEntry("subtype", "password").containsEntry("type", "text");
    }

    private List<Object> commandsAt(
            Installation installation, Secret secret, String user, String roles, FakeMattermost site) throws Exception {
        var response = site.call(
                url(installation, "/bindings"),
                bearer(CallTokens.mattermost(secret, clock.instant(), user)),
                site.callBody("/bindings", installation.siteUrl().value(), user, roles));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = parse(response.body());
        List<Object> top = list(body.get("data"));
        top.forEach(InstallFlowTest::assertExactlyOneAction);
        return list(map(list(map(top.get(0)).get("bindings")).get(0)).get("bindings"));
    }

    @Test
    void everyBindingHasExactlyOneAction() throws Exception {
        Secret secret = Secret.generate();
        Installation installation = register("http://walk.example.com", secret);
        assertThat(commandsAt(installation, secret, "a2", "system_admin", mattermost))
                .hasSize(7);
    }
}
