package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeClassicMattermost;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.console.ConsoleSignIn;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.bootstrap.cli.GatehouseCommand;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The operator CLI runs the same use cases as the admin API, against a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

    private TestDatabase database;
    private ApplicationContext context;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    void start() {
        database = TestDatabase.shared().freshDatabase();
        Map<String, Object> properties = database.properties();
        properties.put("gatehouse.admin.jwt-secret", "cli-test-admin-secret-0123456789abcdefghij");
        properties.put("gatehouse.public-url", "https://gatehouse.example.com");
        context = ApplicationContext.run(properties);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GatehouseCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void consoleLinkPrintsAOneTimeSignInUrlForTheOperator() {
        Run issued = run("console-link", "--operator", "carol", "--ttl", "5m");
        assertThat(issued.exit()).as(issued.err()).isZero();
        String link = issued.out().strip();
        assertThat(link).startsWith("https://gatehouse.example.com/console/sign-in?token=");
        assertThat(issued.err()).contains("signs in carol once, until");
        String token = link.substring(link.indexOf("token=") + "token=".length());
        ConsoleSignIn signIn = context.getBean(UseCases.class).consoleSignIn();
        assertThat(signIn.signIn(token)).contains("carol");
        assertThat(signIn.signIn(token)).isEmpty();

        Run refused = run("console-link", "--operator", "<b>", "--ttl", "5m");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("operator must be");
        Run tooLong = run("console-link", "--operator", "carol", "--ttl", "2d");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("ttl must be between");
    }

    @Test
    void createsListsRotatesDisablesEnablesAndDeletes() throws Exception {
        Run created = run("installations", "create", "--name", "CLI chat", "--site-url", "HTTPS://CLI.example.com/");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out())
                .contains("site_url:        https://cli.example.com")
                .contains("install_command: /apps install http https://gatehouse.example.com/i/");
        String id = field(created.out(), "id");
        String secret = field(created.out(), "secret");
        assertThat(secret).hasSize(43);

        Run list = run("installations", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .contains(id)
                .contains("active")
                .contains("https://cli.example.com")
                .doesNotContain(secret);

        Run rotated = run("installations", "rotate", id, "--grace", "1h");
        assertThat(rotated.exit()).isZero();
        assertThat(field(rotated.out(), "secret")).isNotEqualTo(secret);
        assertThat(rotated.out()).contains("previous secret accepted until");

        assertThat(run("installations", "disable", id).out()).contains("status:          disabled");
        assertThat(run("installations", "enable", id).out()).contains("status:          active");
        assertThat(run("installations", "delete", id).out()).contains("deleted " + id);
        assertThat(run("installations", "delete", id).exit()).isEqualTo(3);

        try (Connection c = database.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT action, actor FROM audit_event ORDER BY id")) {
            StringBuilder actions = new StringBuilder();
            while (rs.next()) {
                actions.append(rs.getString(1)).append(' ');
                assertThat(rs.getString(2)).startsWith("cli:");
            }
            assertThat(actions.toString())
                    .contains(
                            "installation.register",
                            "secret.rotate",
                            "installation.disable",
                            "installation.enable",
                            "installation.delete");
        }
    }

    @Test
    void setsAndClearsAnInstallationsOwnRateLimit() throws Exception {
        String id = field(
                run("installations", "create", "--name", "Limited", "--site-url", "https://limited.example.com")
                        .out(),
                "id");
        Run limited = run("installations", "rate-limit", id, "--per-second", "25", "--burst", "60");
        assertThat(limited.exit()).as(limited.err()).isZero();
        assertThat(limited.out()).contains("rate_limit:      25/s, burst 60");
        assertThat(run("installations", "rate-limit", id, "--per-second", "5").out())
                .contains("rate_limit:      5/s, burst 10");
        try (Connection c = database.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT rate_limit_per_second, rate_limit_burst FROM installation WHERE id = '"
                                + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(5);
            assertThat(rs.getInt(2)).isEqualTo(10);
        }
        assertThat(run("installations", "rate-limit", id, "--default").out())
                .contains("rate_limit:      service default");

        Run tooSmallBurst = run("installations", "rate-limit", id, "--per-second", "50", "--burst", "10");
        assertThat(tooSmallBurst.exit()).isEqualTo(2);
        assertThat(tooSmallBurst.err()).contains("burst must be at least per_second (50)");
        Run both = run("installations", "rate-limit", id, "--per-second", "5", "--default");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--per-second=5").contains("--default");
        assertThat(run("installations", "rate-limit", id).exit()).isEqualTo(2);
    }

    @Test
    void aDuplicateSiteIsRefusedWithANonZeroExit() {
        assertThat(run("installations", "create", "--name", "A", "--site-url", "https://dup.example.com")
                        .exit())
                .isZero();
        Run again = run("installations", "create", "--name", "B", "--site-url", "https://DUP.example.com:443");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).contains("already exists");
        assertThat(run("installations", "create", "--name", "C", "--site-url", "http://dup.example.com")
                        .exit())
                .isEqualTo(4);
    }

    @Test
    void badValuesSayWhatToFix() {
        Run badUrl = run("installations", "create", "--name", "A", "--site-url", "ftp://x.example.com");
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("http:// or https://");
        Run badId = run("installations", "rotate", "not-an-id");
        assertThat(badId.exit()).isEqualTo(2);
        assertThat(badId.err()).contains("UUID");
        Run badGrace = run("installations", "rotate", "123e4567-e89b-12d3-a456-426614174000", "--grace", "soon");
        assertThat(badGrace.exit()).isEqualTo(2);
        assertThat(badGrace.err()).contains("not a duration");
    }

    @Test
    void adminTokenPrintsAJwtForTheAdminRole() {
        Run token = run("admin-token", "--subject", "alice", "--ttl", "30m");
        assertThat(token.exit()).isZero();
        assertThat(token.out().strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(token.out().strip().split("\\.")[1]));
        assertThat(payload).contains("\"sub\":\"alice\"").contains("ADMIN");
    }

    @Test
    void badArgumentsPrintUsageAndExitNonZeroWithoutStartingAnything() {
        assertThat(Gatehouse.runCommand(new String[] {"installations", "create", "--name", "x"}))
                .isEqualTo(2);
        assertThat(Gatehouse.runCommand(new String[] {"installations"})).isEqualTo(2);
        assertThat(Gatehouse.runCommand(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(Gatehouse.runCommand(new String[] {"--help"})).isZero();
    }

    /** The command reads its token from standard input, as an operator pipes it in. */
    private Run withInput(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream((stdin + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void provisionsAServerWithTheAdminTokenOnStandardInputAndAdoptsOrForgetsATeamsCommand() throws Exception {
        try (FakeClassicMattermost mattermost = new FakeClassicMattermost()) {
            InMemoryMattermostServer server = mattermost.server();
            MattermostTeam team = server.addTeam("ops");
            MattermostUser root = server.addAdmin("root");
            server.join(team.id(), root.id());
            server.turnOn(ServerSetting.values());
            String adminToken = server.login(root.id());
            String id = field(
                    run("installations", "create", "--name", "Ops", "--site-url", mattermost.url())
                            .out(),
                    "id");

            Run provisioned = withInput(adminToken, "installations", "provision", id);
            assertThat(provisioned.exit()).as(provisioned.err()).isZero();
            assertThat(provisioned.out())
                    .contains("team ops (" + team.id() + "): created")
                    .doesNotContain(adminToken);
            assertThat(run("installations", "show", id).out())
                    .contains("slash_bot_user:  " + server.bots().get(0).userId())
                    .contains("slash_team:      " + team.id() + " (ops)");

            String handMade = "abcdefghijklmnopqrstuvwxyz";
            Run adopted = withInput(handMade, "installations", "command", id, "--team", "other-team");
            assertThat(adopted.exit()).as(adopted.err()).isZero();
            assertThat(adopted.out()).contains("slash_team:      other-team").doesNotContain(handMade);
            Run forgot = run("installations", "command", id, "--team", "other-team", "--remove");
            assertThat(forgot.out()).doesNotContain("other-team");
            assertThat(run("installations", "command", id, "--team", "nope", "--remove")
                            .exit())
                    .isEqualTo(2);

            Run refused = withInput("not-a-token", "installations", "provision", id);
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("did not accept this token");
            try (Connection c = database.connect();
                    ResultSet rs = c.createStatement().executeQuery("SELECT actor, detail FROM audit_event")) {
                while (rs.next()) {
                    assertThat(rs.getString(2)).doesNotContain(adminToken).doesNotContain(handMade);
                }
            }
        }
    }

    private static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as(name + " in " + output).isTrue();
        return m.group(1);
    }
}
