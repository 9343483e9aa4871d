package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.UseCases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two replicas on one database: a link works once on either, and a session opened on one is valid on the other. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleReplicasIT {

    private EmbeddedServer one;
    private EmbeddedServer two;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    void start() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        one = ApplicationContext.run(EmbeddedServer.class, replica(database));
        two = ApplicationContext.run(EmbeddedServer.class, replica(database));
    }

    private static Map<String, Object> replica(TestDatabase database) {
        Map<String, Object> p = database.properties();
        p.put("micronaut.server.port", -1);
        p.put("gatehouse.admin.jwt-secret", "replicas-admin-secret-0123456789abcdefghijkl");
        p.put("gatehouse.public-url", "https://gatehouse.example.com");
        return p;
    }

    @AfterAll
    void stop() {
        one.getApplicationContext().close();
        two.getApplicationContext().close();
    }

    @Test
    void aLinkSpentOnOneReplicaIsRefusedOnTheOtherAndTheSessionWorksOnBoth() throws Exception {
        String token = one.getApplicationContext()
                .getBean(UseCases.class)
                .consoleSignIn()
                .issue("dana", Duration.ofMinutes(5))
                .token();

        HttpResponse<String> signedIn = post(one, "/console/sign-in", "token=" + token, null);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HTTPOnly", "SameSite=Strict", "Secure", "Path=/console");
        String session = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(post(two, "/console/sign-in", "token=" + token, null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> onTwo = get(two, "/console/installations", session);
        assertThat(onTwo.statusCode()).isEqualTo(200);
        assertThat(onTwo.body()).contains("Signed in as <strong>dana</strong>");

        // The CSRF token of the page served by one replica is accepted by the other.
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(onTwo.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> registered = post(
                one,
                "/console/installations",
                "csrf=" + csrf.group(1) + "&name=Replica+chat&site_url=https%3A%2F%2Freplica.chat.test&api_url=",
                session);
        assertThat(registered.statusCode()).isEqualTo(303);
        String location = registered.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/console/installations/");

        // Every console action refuses a POST without this session's token, and does nothing.
        for (String action : java.util.List.of(
                "/console/sign-out",
                "/console/installations",
                location + "/status",
                location + "/rotate",
                location + "/secret",
                location + "/delete",
                location + "/provision")) {
            for (String form : java.util.List.of(
                    "name=Replica+chat&status=disabled&grace_seconds=0&confirm_name=Replica+chat",
                    "csrf=forged&name=Replica+chat&status=disabled&grace_seconds=0&confirm_name=Replica+chat")) {
                HttpResponse<String> refused = post(two, action, form, session);
                assertThat(refused.statusCode()).as(action + " " + form).isEqualTo(403);
                assertThat(refused.body()).contains("nothing was done");
            }
        }
        HttpResponse<String> still = get(one, location, session);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(still.body()).contains("<span class=\"badge active\">active</span>");
    }

    @Test
    void everyConsoleAnswerCarriesEachSecurityHeaderOnce() throws Exception {
        String token = one.getApplicationContext()
                .getBean(UseCases.class)
                .consoleSignIn()
                .issue("erin", Duration.ofMinutes(5))
                .token();
        HttpResponse<String> signedIn = post(one, "/console/sign-in", "token=" + token, null);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String session = setCookie.substring(0, setCookie.indexOf(';'));

        for (HttpResponse<String> answer : java.util.List.of(
                get(one, "/console/sign-in", "none=1"), // the open page
                get(one, "/console/installations", "none=1"), // no session: to the sign-in page
                signedIn, // the sign-in itself
                get(one, "/console/installations", session), // a page
                get(one, "/console/installations/new", session), // a form
                post(one, "/console/installations", "name=x", session), // refused: no CSRF token
                get(one, "/console/no-such-page", session))) { // an error page
            String what = answer.request().method() + " " + answer.uri().getPath() + " " + answer.statusCode();
            assertThat(answer.headers().allValues("Content-Security-Policy"))
                    .as(what)
                    .singleElement()
                    .asString()
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(answer.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
            assertThat(answer.headers().allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
            assertThat(answer.headers().allValues("Cache-Control")).as(what).containsExactly("no-store");
        }
    }

    private HttpResponse<String> get(EmbeddedServer server, String path, String cookie) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(EmbeddedServer server, String path, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
