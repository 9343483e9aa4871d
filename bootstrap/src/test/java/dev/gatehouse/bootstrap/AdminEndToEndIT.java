package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** The whole server on a real database, driven over HTTP as an operator would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminEndToEndIT {

    private TestDatabase database;
    private TcpProxy proxy;
    private EmbeddedServer server;
    private String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void start() throws InterruptedException {
        database = TestDatabase.shared().freshDatabase();
        proxy = TcpProxy.start(database.host(), database.port());
        Map<String, Object> properties =
                database.via(proxy.host(), proxy.port()).properties();
        properties.put("micronaut.server.port", -1);
        properties.put("gatehouse.admin.jwt-secret", "e2e-admin-secret-0123456789abcdefghijklmno");
        properties.put("gatehouse.public-url", "https://gatehouse.example.com");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        token = server.getApplicationContext()
                .getBean(AdminTokenIssuer.class)
                .issue("e2e-operator", Duration.ofMinutes(10));
        // readiness (and /health with it) is DOWN until the start-up warm-up ran
        if (!server.getApplicationContext().getBean(StartupWarmUp.class).awaitDone(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the start-up warm-up did not finish");
        }
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
        proxy.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registersAnInstallationAndNeverStoresOrShowsItsSecretAgain() throws Exception {
        HttpResponse<String> created = send(
                "POST", "/admin/installations", "{\"name\":\"E2E chat\",\"site_url\":\"https://E2E.example.com/\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body(), "id");
        String secret = json(created.body(), "secret");
        assertThat(created.body())
                .contains("\"site_url\":\"https://e2e.example.com\"")
                .contains("\"manifest_url\":\"https://gatehouse.example.com/i/" + id + "/manifest.json\"")
                .contains("\"install_command\":\"/apps install http https://gatehouse.example.com/i/" + id
                        + "/manifest.json\"");

        HttpResponse<String> rotated =
                send("POST", "/admin/installations/" + id + "/secret/rotate", "{\"grace_seconds\":60}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String rotatedSecret = json(rotated.body(), "secret");

        for (String path : new String[] {
            "/admin/installations/" + id, "/admin/installations?page=0&size=50", "/admin/audit?installation_id=" + id
        }) {
            HttpResponse<String> read = send("GET", path, null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains(id).doesNotContain(secret).doesNotContain(rotatedSecret);
        }
        assertThat(send("GET", "/admin/audit?installation_id=" + id, null).body())
                .contains("installation.register")
                .contains("secret.rotate")
                .contains("admin:e2e-operator");

        String dump = dumpAllTables();
        assertThat(dump).contains(id).doesNotContain(secret).doesNotContain(rotatedSecret);
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(secret) || line.contains(rotatedSecret));
    }

    @Test
    void adminJsonIsStrictlyTypedAndErrorsNameFieldsAsJsonSpellsThem() throws Exception {
        HttpResponse<String> created = send(
                "POST", "/admin/installations", "{\"name\":\"Strict\",\"site_url\":\"https://strict.example.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = "/admin/installations/" + json(created.body(), "id");

        HttpResponse<String> disabled = send("PATCH", path, "{\"status\":\"DISABLED\"}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.body()).contains("\"status\":\"disabled\"");
        assertDetail(
                send("POST", "/admin/installations", "{\"name\":\"x\",\"site_url\":\"ftp://strict.example.com\"}"),
                "site_url must start with http:// or https://");
        assertDetail(
                send("POST", path + "/secret/rotate", "{\"grace_seconds\":\"60\"}"),
                "grace_seconds must be an integer number of seconds");
        assertDetail(
                send("POST", path + "/secret/rotate", "{\"grace_seconds\":2592001}"),
                "grace_seconds must be between 0 and 2592000 seconds");
        HttpResponse<String> numeric =
                send("PUT", path + "/secret", "{\"secret\":918273645918273645918273645918273645}");
        assertDetail(numeric, "secret must be a string");
        assertThat(numeric.body()).doesNotContain("918273645");
    }

    private static void assertDetail(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response.body(), "detail")).isEqualTo(detail);
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
        assertThat(send("GET", "/admin/installations", null).statusCode()).isEqualTo(200);
        proxy.cut();
        try {
            long start = System.nanoTime();
            HttpResponse<String> down = send(
                    "POST",
                    "/admin/installations",
                    "{\"name\":\"While down\",\"site_url\":\"https://down.example.com\"}");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(down.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(send("GET", "/health/readiness", null).statusCode()).isEqualTo(503);
        } finally {
            proxy.restore();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = send("GET", "/admin/installations", null).statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertThat(status).isEqualTo(200);
        // Nothing half-written while the database was down.
        assertThat(send("GET", "/admin/installations?size=500", null).body()).doesNotContain("down.example.com");
        assertThat(send("GET", "/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("http_server_requests");
    }

    private String dumpAllTables() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection c = database.connect();
                ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String table = tables.getString("TABLE_NAME");
                try (ResultSet rows = c.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            dump.append(rows.getString(i)).append('|');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(field + " in " + body).isTrue();
        return m.group(1);
    }
}
