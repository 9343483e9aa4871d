package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OpenID Connect sign-in to the console in headless Chromium against navikt's mock-oauth2-server (a real provider:
 * discovery, JWKS, an interactive login form where one types a username and claims). The provider is reached as
 * {@code 127.0.0.1} and Gatehouse as {@code localhost}: two sites, so the provider's redirect back is the cross-site
 * navigation it is in production, and the flow cookie's SameSite setting is really put to the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOidcBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String PROVIDER = "Corp SSO";
    private static final String ALLOWED_GROUP = "gatehouse-operators";

    private MockOAuth2Server provider;
    private EmbeddedServer gatehouse;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    void start() throws IOException {
        HeadlessChromium.require();
        // interactive login: the provider shows a form for a username and the claims to put in the ID token
        provider = new MockOAuth2Server(new OAuth2Config(true, null, null, false));
        provider.start(freePort());
        String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/corp";

        TestDatabase database = TestDatabase.shared().freshDatabase();
        int port = freePort();
        base = "http://localhost:" + port;
        Map<String, Object> p = database.properties();
        p.put("micronaut.server.port", port);
        p.put("gatehouse.admin.jwt-secret", "console-oidc-admin-secret-0123456789abcdefghijk");
        p.put("gatehouse.public-url", base);
        p.put("gatehouse.rate-limit.enabled", "false");
        p.put("gatehouse.console.oidc.issuer", issuer);
        p.put("gatehouse.console.oidc.name", PROVIDER);
        p.put("gatehouse.console.oidc.client-id", "gatehouse-console");
        p.put("gatehouse.console.oidc.client-secret", "console-client-secret");
        p.put("gatehouse.console.oidc.allowed-values", List.of(ALLOWED_GROUP));
        gatehouse = ApplicationContext.run(EmbeddedServer.class, p);

        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start(
                "gatehouse-chromium-oidc-",
                // the mock's login page links a web font; nothing outside this machine is reachable
                "--host-resolver-rules=MAP fonts.googleapis.com ~NOTFOUND");
        browser = chromium.driver();
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (gatehouse != null) {
            gatehouse.getApplicationContext().close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    @Order(1)
    void anOperatorOutsideTheAllowedGroupIsRefused() {
        signInAtProvider("dave", "{\"preferred_username\":\"dave\",\"groups\":[\"staff\"]}");
        assertThat(browser.getTitle()).isEqualTo("Sign-in refused · Gatehouse console");
        assertThat(text()).contains("You signed in at " + PROVIDER + " as dave").contains("not in a group or role");
        assertThat(browser.manage().getCookieNamed("gh_console")).isNull();
        screenshot("oidc-refused");

        open("/console/installations");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
    }

    @Test
    @Order(2)
    void theSignInButtonGoesThroughTheProvidersLoginAndBackIntoTheConsoleAndTheAuditShowsIt() {
        signInAtProvider("carol", "{\"preferred_username\":\"carol\",\"groups\":[\"" + ALLOWED_GROUP + "\"]}");
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.urlToBe(base + "/console/installations"));
        waitUntilLoaded();
        assertThat(browser.getTitle()).isEqualTo("Installations · Gatehouse console");
        assertThat(text()).contains("Signed in as carol");
        // the flow cookie is spent with the sign-in
        assertThat(browser.manage().getCookieNamed("gh_console_oidc")).isNull();
        screenshot("oidc-signed-in");

        open("/console/audit");
        List<String> rows = browser.findElements(By.cssSelector("table.audit tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(rows.get(0))
                .contains("console:carol")
                .contains("console.sign_in")
                .contains("OpenID Connect " + PROVIDER);
        assertThat(rows)
                .anySatisfy(row -> assertThat(row)
                        .contains("console:dave")
                        .contains("console.sign_in")
                        .contains("no allowed value in the claim groups"));
        assertThat(String.join("\n", rows)).doesNotContain("eyJ"); // no token, no code in the audit log
        screenshot("oidc-audit");

        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlToBe(base + "/console/sign-in"));
    }

    @Test
    @Order(3)
    void aForgedStateIsRefused() {
        open("/console/sign-in");
        browser.findElement(By.id("oidc-sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        // instead of signing in, an attacker's callback with a code and a state of their own
        open("/console/sign-in/oidc/callback?code=attackers-code&state=attackers-state");
        assertThat(browser.getTitle()).isEqualTo("Sign-in refused · Gatehouse console");
        assertThat(text()).contains("does not belong to the sign-in this browser started");
        assertThat(browser.manage().getCookieNamed("gh_console")).isNull();
        screenshot("oidc-forged-state");
    }

    @Test
    @Order(4)
    void aReplayedCallbackIsRefusedAndSoIsOneFromAnotherBrowser() throws Exception {
        HttpResponse<String> begin = get(base + "/console/sign-in/oidc", null);
        assertThat(begin.statusCode()).isEqualTo(303);
        String flowCookie = cookie(begin, "gh_console_oidc");
        assertThat(begin.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("gh_console_oidc=")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax")
                        .contains("Path=/console/sign-in/oidc"));
        URI callback = loginAtProvider(
                URI.create(begin.headers().firstValue("Location").orElseThrow()),
                "erin",
                "{\"preferred_username\":\"erin\",\"groups\":[\"" + ALLOWED_GROUP + "\"]}");

        // from another browser (no flow cookie): refused
        HttpResponse<String> elsewhere = get(callback.toString(), null);
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("no sign-in in progress").doesNotContain("Exception");

        HttpResponse<String> signedIn = get(callback.toString(), "gh_console_oidc=" + flowCookie);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(cookie(signedIn, "gh_console")).isNotEmpty();
        assertThat(cookie(signedIn, "gh_console_oidc")).isEmpty(); // cleared

        // the browser replays it (history, a second tab): its flow cookie is gone
        HttpResponse<String> replay = get(callback.toString(), null);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(cookie(replay, "gh_console")).isNull();

        // a new flow in the same browser does not take the old answer: its state is another one
        String newFlow = cookie(get(base + "/console/sign-in/oidc", null), "gh_console_oidc");
        HttpResponse<String> old = get(callback.toString(), "gh_console_oidc=" + newFlow);
        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(old.body()).contains("does not belong");
    }

    @Test
    @Order(5)
    void aProviderThatIsDownGivesAPageSayingSo() throws Exception {
        HttpResponse<String> begin = get(base + "/console/sign-in/oidc", null);
        String flowCookie = cookie(begin, "gh_console_oidc");
        URI callback = loginAtProvider(
                URI.create(begin.headers().firstValue("Location").orElseThrow()),
                "frank",
                "{\"groups\":[\"" + ALLOWED_GROUP + "\"]}");
        provider.shutdown();
        provider = null;

        HttpResponse<String> down = get(callback.toString(), "gh_console_oidc=" + flowCookie);
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body())
                .contains("Sign-in provider unavailable")
                .contains("one-time link")
                .doesNotContain("Exception")
                .doesNotContain("at dev.gatehouse");
        assertThat(cookie(down, "gh_console")).isNull();
    }

    /** From the sign-in page through the provider's login form; leaves the browser wherever Gatehouse sent it. */
    private void signInAtProvider(String username, String claimsJson) {
        open("/console/sign-in");
        WebElement button = browser.findElement(By.id("oidc-sign-in"));
        assertThat(button.getText()).isEqualTo("Sign in with " + PROVIDER);
        screenshot("oidc-sign-in");
        button.click();
        WebElement user = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        assertThat(browser.getCurrentUrl()).startsWith("http://127.0.0.1:");
        user.sendKeys(username);
        browser.findElement(By.name("claims")).sendKeys(claimsJson);
        screenshot("oidc-provider-login");
        browser.findElement(By.cssSelector("input[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(b -> b.getCurrentUrl().startsWith(base + "/console/"));
        waitUntilLoaded();
    }

    /** The provider's login form as a browser fills it in; returns where the provider sends the browser back to. */
    private URI loginAtProvider(URI authorize, String username, String claimsJson) throws Exception {
        assertThat(get(authorize.toString(), null).statusCode()).isEqualTo(200);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username="
                                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&claims="
                                + URLEncoder.encode(claimsJson, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(base + "/console/sign-in/oidc/callback?");
        return back;
    }

    private HttpResponse<String> get(String url, String cookieHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value a response sets for a cookie ("" when it clears it), or null when it does not set it. */
    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElse(null);
    }

    private void open(String path) {
        browser.get(base + path);
        waitUntilLoaded();
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void waitUntilLoaded() {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(b -> "complete".equals(((JavascriptExecutor) b).executeScript("return document.readyState")));
    }

    private void screenshot(String name) {
        waitUntilLoaded();
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In the OIDC slice's port range (18500-18599), so parallel runs on this machine do not clash. */
    private static int freePort() throws IOException {
        for (int port = 18510; port < 18600; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException inUse) {
                // next
            }
        }
        throw new IOException("no free port in 18510-18599");
    }
}
