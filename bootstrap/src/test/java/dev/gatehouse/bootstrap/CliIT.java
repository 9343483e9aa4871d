package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.bootstrap.cli.GatehouseCommand;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as(name + " in " + output).isTrue();
        return m.group(1);
    }
}
