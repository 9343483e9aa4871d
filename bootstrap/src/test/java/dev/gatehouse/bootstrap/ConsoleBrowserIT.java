package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.mattermost.FakeClassicMattermost;
import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.console.ConsoleSignIn;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.port.ConsoleSignInLinks;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser (Debian's headless Chromium driven by Selenium) against a real Gatehouse on
 * real Postgres, reached through a proxy the test can cut. Every page it visits is saved as a screenshot under
 * {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String OPERATOR = "alice";

    private TestDatabase database;
    private TcpProxy proxy;
    private EmbeddedServer gatehouse;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Shared between the ordered steps: the installation the flow registers. */
    private String installationUrl;

    @BeforeAll
    void start() throws IOException {
        HeadlessChromium.require();
        database = TestDatabase.shared().freshDatabase();
        proxy = TcpProxy.start(database.host(), database.port());
        int port = freePort();
        base = "http://localhost:" + port;
        Map<String, Object> p = database.via(proxy.host(), proxy.port()).properties();
        p.put("micronaut.server.port", port);
        p.put("gatehouse.admin.jwt-secret", "console-admin-secret-0123456789abcdefghijklmno");
        p.put("gatehouse.public-url", base);
        p.put("gatehouse.rate-limit.enabled", "false");
        gatehouse = ApplicationContext.run(EmbeddedServer.class, p);

        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start("gatehouse-chromium-");
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
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void withoutASessionEveryPageIsTheSignInPage() {
        for (String path :
                List.of("/console", "/console/installations", "/console/audit", "/console/installations/new")) {
            open(path);
            assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
            assertThat(browser.getTitle()).isEqualTo("Sign in · Gatehouse console");
        }
        assertThat(text()).contains("console-link");
        // no OpenID Connect issuer configured: no button for it
        assertThat(browser.findElements(By.id("oidc-sign-in"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href^='/console/sign-in/oidc']")))
                .isEmpty();
        screenshot("sign-in");
    }

    @Test
    @Order(2)
    void anAdminTokenOrAMattermostCallTokenDoesNotOpenTheConsole() throws Exception {
        String adminToken = gatehouse
                .getApplicationContext()
                .getBean(AdminTokenIssuer.class)
                .issue(OPERATOR, Duration.ofMinutes(10));
        for (Map.Entry<String, String> credential : Map.of(
                        "Authorization", "Bearer " + adminToken,
                        "Mattermost-App-Authorization", "Bearer " + adminToken,
                        "Cookie", "gh_console=" + adminToken + "; JWT=" + adminToken)
                .entrySet()) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/console/installations"))
                            .header(credential.getKey(), credential.getValue())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(credential.getKey()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).contains("/console/sign-in");
        }
    }

    @Test
    @Order(3)
    void signInRegisterSecretOnceRotateDisableAndTheAuditShowsEachStepWithTheOperator() {
        signIn(link(OPERATOR));
        assertThat(browser.getTitle()).isEqualTo("Installations · Gatehouse console");
        assertThat(text()).contains("Signed in as " + OPERATOR);
        screenshot("installations-empty");

        // Register, with the keyboard only: the name field has the focus, Tab moves on, Enter submits.
        submit(browser.findElement(By.linkText("Register a server")));
        assertThat(browser.getTitle()).isEqualTo("Register a server · Gatehouse console");
        // A refusal of the core appears next to its field.
        typeAndSubmit(browser.switchTo().activeElement(), "Acme chat", Keys.TAB, "ftp://chat.acme.test");
        assertThat(browser.findElement(By.id("site_url-error")).getText()).contains("site_url");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Acme chat");
        screenshot("register-error");
        WebElement siteUrl = browser.findElement(By.id("site_url"));
        siteUrl.clear();
        siteUrl.sendKeys("https://chat.acme.test", Keys.TAB);
        typeAndSubmit(browser.switchTo().activeElement(), "");

        String secret = browser.findElement(By.id("new-secret")).getText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        installationUrl = browser.getCurrentUrl();
        assertThat(installationUrl).startsWith(base + "/console/installations/").doesNotContain(secret);
        String id = installationUrl.substring(installationUrl.lastIndexOf('/') + 1);
        assertThat(browser.getTitle()).isEqualTo("Acme chat · Gatehouse console");
        assertThat(browser.findElement(By.id("install-command")).getText())
                .isEqualTo("/apps install http " + base + "/i/" + id + "/manifest.json");
        assertThat(browser.findElement(By.id("manifest-url")).getText())
                .isEqualTo(base + "/i/" + id + "/manifest.json");
        assertThat(browser.findElement(By.id("mattermost_token")).getAttribute("type"))
                .isEqualTo("password");
        screenshot("register-result", false);

        // Shown once: neither a reload nor going back and forth shows it again.
        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("new-secret"))).isEmpty();
        assertThat(text()).doesNotContain(secret);
        browser.navigate().back();
        assertThat(text()).doesNotContain(secret);
        browser.navigate().forward();
        assertThat(text()).doesNotContain(secret);
        screenshot("installation");

        // Rotate: the new secret once, then gone.
        new Select(browser.findElement(By.id("grace_seconds"))).selectByValue("3600");
        submitFormOf(By.id("grace_seconds"));
        String rotated = browser.findElement(By.id("new-secret")).getText();
        assertThat(rotated).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(secret);
        assertThat(text()).contains("The old secret keeps working until");
        screenshot("rotated");
        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("new-secret"))).isEmpty();

        // Disable.
        submit(browser.findElement(By.xpath("//button[normalize-space()='Disable']")));
        assertThat(browser.findElement(By.cssSelector(".title-with-badge .badge"))
                        .getText())
                .isEqualTo("disabled");
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Enable']")))
                .hasSize(1);

        // The audit log: each step, by the signed-in operator, newest first.
        open("/console/audit?installation=" + id);
        assertThat(browser.getTitle()).isEqualTo("Audit log · Gatehouse console");
        List<String> rows = browser.findElements(By.cssSelector("table.audit tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains("console:" + OPERATOR, "installation.disable", "succeeded");
        assertThat(rows.get(1)).contains("console:" + OPERATOR, "secret.rotate", "grace_seconds=3600");
        assertThat(rows.get(2)).contains("console:" + OPERATOR, "installation.register");
        assertThat(String.join("\n", rows)).doesNotContain(secret).doesNotContain(rotated);
        open("/console/audit");
        assertThat(text()).contains("console.sign_in", "console.link");
        screenshot("audit");

        // And the rest of the installation's actions, so every page is seen and checked.
        open(installationUrl.substring(base.length()));
        submit(browser.findElement(By.xpath("//button[normalize-space()='Enable']")));
        assertThat(browser.findElement(By.cssSelector(".title-with-badge .badge"))
                        .getText())
                .isEqualTo("active");
        typeAndSubmit(browser.findElement(By.id("secret")), "too-short");
        assertThat(text()).contains("secret must be at least 32 characters");
        typeAndSubmit(browser.findElement(By.id("confirm_name")), "Acme");
        assertThat(text()).contains("type the installation's name exactly");
        screenshot("installation-errors");
    }

    @Test
    @Order(4)
    void aSpentOrExpiredSignInLinkIsRefused() throws Exception {
        String link = link("bob");
        signIn(link);
        assertThat(text()).contains("Signed in as bob");
        signOut();

        open(link.substring(base.length()));
        submit(browser.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(browser.getTitle()).isEqualTo("Sign in · Gatehouse console");
        assertThat(text()).contains("unknown, already used or expired");
        screenshot("sign-in-refused");

        String token = "expired-" + Instant.now().toEpochMilli();
        gatehouse
                .getApplicationContext()
                .getBean(ConsoleSignInLinks.class)
                .add(sha256(token), "mallory", Instant.now().minusSeconds(1));
        open("/console/sign-in?token=" + token);
        submit(browser.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(text()).contains("unknown, already used or expired");
        open("/console/installations");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
    }

    @Test
    @Order(5)
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        signIn(link(OPERATOR));
        open(installationUrl.substring(base.length()));
        // The browser sends its session cookie, but the form has lost its token.
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.querySelectorAll('input[name=csrf]').forEach(e => e.remove());");
        submit(browser.findElement(By.xpath("//button[normalize-space()='Disable']")));
        assertThat(browser.getTitle()).isEqualTo("Request refused · Gatehouse console");
        screenshot("csrf-refused");
        open(installationUrl.substring(base.length()));
        assertThat(browser.findElement(By.cssSelector(".title-with-badge .badge"))
                        .getText())
                .isEqualTo("active");

        // The same from outside the browser: the session cookie with no token, or another session's token.
        Cookie session = browser.manage().getCookieNamed("gh_console");
        for (String body : List.of("status=disabled", "status=disabled&csrf=not-this-sessions-token")) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create(installationUrl + "/status"))
                            .header("Cookie", "gh_console=" + session.getValue())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(body).isEqualTo(403);
        }
        open(installationUrl.substring(base.length()));
        assertThat(browser.findElement(By.cssSelector(".title-with-badge .badge"))
                        .getText())
                .isEqualTo("active");
    }

    @Test
    @Order(6)
    void anInstallationNamedLikeAScriptIsShownAsText() {
        String name = "<script>alert(1)</script>";
        open("/console/installations/new");
        browser.findElement(By.id("name")).sendKeys(name);
        typeAndSubmit(browser.findElement(By.id("site_url")), "https://xss.acme.test");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);
        assertNoAlert();
        open("/console/installations");
        assertThat(browser.findElement(By.linkText(name)).getText()).isEqualTo(name);
        assertNoAlert();
        open("/console/installations?q=" + java.net.URLEncoder.encode("<script>", StandardCharsets.UTF_8));
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("<script>");
        assertNoAlert();
        screenshot("installations");
    }

    @Test
    @Order(7)
    void provisioningTheSlashCommandIngressShowsWhatItDidAndNeverTheToken() throws Exception {
        try (FakeClassicMattermost mattermost = new FakeClassicMattermost()) {
            InMemoryMattermostServer server = mattermost.server();
            MattermostTeam team = server.addTeam("ops");
            MattermostUser root = server.addAdmin("root");
            server.join(team.id(), root.id());
            server.turnOn(ServerSetting.values());
            String adminToken = server.login(root.id());

            open("/console/installations/new");
            browser.findElement(By.id("name")).sendKeys("Ops chat");
            typeAndSubmit(browser.findElement(By.id("site_url")), mattermost.url());
            assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Ops chat");

            typeAndSubmit(browser.findElement(By.id("mattermost_token")), "not-a-token");
            assertThat(text()).contains("did not accept this token");
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("mattermost_token");

            typeAndSubmit(browser.findElement(By.id("mattermost_token")), adminToken);
            assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                    .contains("Provisioned: bot " + server.bots().get(0).userId(), "team ops: created");
            assertThat(text())
                    .contains("Slash commands on ops (" + team.id() + ")")
                    .contains(server.bots().get(0).userId() + " (slash commands)");
            assertThat(browser.getPageSource()).doesNotContain(adminToken);
            screenshot("provisioned");
        }
    }

    @Test
    @Order(8)
    void aDatabaseCutShowsTheOutagePageThenTheConsoleWorksAgain() {
        proxy.cut();
        try {
            open("/console/installations");
            assertThat(browser.getTitle()).isEqualTo("Database unavailable · Gatehouse console");
            assertThat(text()).contains("cannot reach its database").doesNotContain("Exception", "5432");
            screenshot("database-unavailable");
        } finally {
            proxy.restore();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            open("/console/installations");
        } while (!browser.getTitle().startsWith("Installations") && System.nanoTime() < deadline);
        assertThat(browser.getTitle()).isEqualTo("Installations · Gatehouse console");
        assertThat(text()).contains("Acme chat");
    }

    @Test
    @Order(9)
    void signingOutEndsTheSession() {
        open("/console/installations");
        signOut();
        open("/console/installations");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
        assertThat(gatehouse
                        .getApplicationContext()
                        .getBean(UseCases.class)
                        .readAuditLog()
                        .read(null, null, 5))
                .anySatisfy(line -> assertThat(line.toString()).contains("console:" + OPERATOR, "console.sign_out"));
    }

    @Test
    @Order(10)
    void tenThousandInstallationsArePagedAndSearched() throws Exception {
        RegisterInstallation register =
                gatehouse.getApplicationContext().getBean(UseCases.class).registerInstallation();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                done.add(threads.submit(() -> register.register(new RegisterInstallation.Command(
                        "seed", "Tenant " + n, "https://tenant-" + n + ".chat.test", null))));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        signIn(link(OPERATOR));
        screenshot("installations-overview", false);
        long start = System.nanoTime();
        open("/console/installations?page=150");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(text()).contains("10,003 installations · page 151 of 201");
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(50);
        assertThat(millis).as("page 151 of 10,003 installations, in ms").isLessThan(5_000);
        screenshot("installations-10000");
        submit(browser.findElement(By.linkText("Next →")));
        assertThat(text()).contains("page 152 of 201");
        submit(browser.findElement(By.linkText("Last »")));
        assertThat(text()).contains("page 201 of 201");
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(3);

        open("/console/installations");
        typeAndSubmit(browser.findElement(By.id("q")), "TENANT-9999.");
        assertThat(text()).contains("1 installation matching");
        assertThat(browser.findElement(By.cssSelector("tbody tr")).getText()).contains("Tenant 9999");
    }

    private String link(String operator) {
        ConsoleSignIn signIn =
                gatehouse.getApplicationContext().getBean(UseCases.class).consoleSignIn();
        String token = signIn.issue(operator, Duration.ofMinutes(10)).token();
        return base + "/console/sign-in?token=" + token;
    }

    private void signIn(String link) {
        browser.get(link);
        assertThat(browser.getTitle()).isEqualTo("Sign in · Gatehouse console");
        submit(browser.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/installations");
    }

    private void signOut() {
        submit(browser.findElement(By.xpath("//button[normalize-space()='Sign out']")));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
    }

    private void submitFormOf(By field) {
        submit(browser.findElement(field)
                .findElement(By.xpath("ancestor::form"))
                .findElement(By.cssSelector("button[type=submit]")));
    }

    /** Clicks a submit button (or types Enter into a field) and waits until the next page replaced this one. */
    private void submit(WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        waitForNextPage(page);
    }

    private void typeAndSubmit(WebElement field, CharSequence... keys) {
        WebElement page = browser.findElement(By.tagName("html"));
        field.sendKeys(keys);
        field.sendKeys(Keys.ENTER);
        waitForNextPage(page);
    }

    private void waitForNextPage(WebElement previous) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(previous));
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(b -> "complete"
                        .equals(((org.openqa.selenium.JavascriptExecutor) b)
                                .executeScript("return document.readyState")));
    }

    private void open(String path) {
        browser.get(base + path);
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // the name was shown as text
        }
    }

    private void screenshot(String name) {
        screenshot(name, true);
    }

    /** @param fullPage the whole page (true) or what the 1280x1000 window shows (false, for the README) */
    private void screenshot(String name, boolean fullPage) {
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(b -> "complete"
                        .equals(((org.openqa.selenium.JavascriptExecutor) b)
                                .executeScript("return document.readyState")));
        // the whole page, not only the window: errors and forms below the fold are what a reviewer needs to see
        org.openqa.selenium.Dimension window = browser.manage().window().getSize();
        long height = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        if (fullPage) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), (int)
                    Math.max(height + 140, 700)));
        }
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        browser.manage().window().setSize(window);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** In the console slice's port range (18400-18499), so parallel runs on this machine do not clash. */
    private static int freePort() throws IOException {
        for (int port = 18410; port < 18500; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException inUse) {
                // next
            }
        }
        throw new IOException("no free port in 18410-18499");
    }
}
