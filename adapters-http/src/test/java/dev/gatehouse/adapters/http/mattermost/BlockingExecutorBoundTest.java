package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.AdminTokens;
import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SlashCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While storage hangs, blocking work holds its threads: the executor it runs on stays at its configured size (here 2
 * threads and 2 waiting), and a request beyond that is answered 503 with {@code Retry-After: 1} at once, in the shape
 * of its ingress, instead of getting a thread of its own and hanging too.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@Property(name = "gatehouse.public-url", value = CallTestSupport.PUBLIC_URL)
@Property(name = "gatehouse.blocking-executor.threads", value = "2")
@Property(name = "gatehouse.blocking-executor.queue", value = "2")
class BlockingExecutorBoundTest extends CallTestSupport {

    private static final String TOKEN = "q3p9x7m2q8w4e6r1t5y0u3i8o2";
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    @Inject
    MeterRegistry meters;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void release() {
        installations.reset();
    }

    private HttpRequest appsCall(Installation installation, Secret secret) {
        return HttpRequest.newBuilder(url(installation, "/ping"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(CallAuthenticationFilter.HEADER, bearer(CallTokens.mattermost(secret, clock.instant(), null)))
                .POST(HttpRequest.BodyPublishers.ofString(FakeMattermost.pingBody()))
                .build();
    }

    private HttpRequest slashCommand(Installation installation) {
        return HttpRequest.newBuilder(url(installation, "/command"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Token " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "token=" + TOKEN + "&team_id=teamone&user_id=u1&command=%2Fhello-jwt&text=info"))
                .build();
    }

    private HttpRequest adminList() {
        return HttpRequest.newBuilder(server.getURI().resolve(URI.create("/admin/installations")))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + AdminTokens.admin("ops"))
                .GET()
                .build();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double rejected() {
        return meters.get("gatehouse.blocking.rejected").counter().count();
    }

    @Test
    void whileStorageHangsRequestsBeyondTheBoundAre503AtOnceInTheirIngressShape() throws Exception {
        Secret secret = Secret.generate();
        Installation installation = installations.update(register(
                        "https://chat" + System.nanoTime() + ".example.com", secret)
                .adoptSlashCommand(SlashCommand.withToken("teamone", "Team One", "cmd1", TOKEN), clock.instant()));
        double rejectedBefore = rejected();

        installations.hang();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two on the threads, two in the queue
            held.add(http.sendAsync(appsCall(installation, secret), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((gauge("gatehouse.blocking.threads") < 2 || gauge("gatehouse.blocking.queued") < 2)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(gauge("gatehouse.blocking.queued")).isEqualTo(2);

        long started = System.nanoTime();
        HttpResponse<String> apps = http.send(appsCall(installation, secret), HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).isEqualTo(503);
        assertThat(apps.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(apps.body()).contains("\"type\":\"error\"").contains("retry");

        HttpResponse<String> slash = http.send(slashCommand(installation), HttpResponse.BodyHandlers.ofString());
        assertThat(slash.statusCode()).isEqualTo(503);
        assertThat(slash.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(slash.body()).contains("\"response_type\":\"ephemeral\"").contains("retry");

        HttpResponse<String> admin = http.send(adminList(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(503);
        assertThat(admin.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(admin.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(rejected()).isEqualTo(rejectedBefore + 3);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(BlockingExecutor.NAME)))
                .hasSizeLessThanOrEqualTo(2);

        installations.release();
        for (CompletableFuture<HttpResponse<String>> call : held) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        assertThat(http.send(slashCommand(installation), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }
}
