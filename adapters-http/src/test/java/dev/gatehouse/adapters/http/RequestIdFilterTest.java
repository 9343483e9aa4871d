package dev.gatehouse.adapters.http;

import static io.micronaut.http.HttpRequest.GET;
import static io.micronaut.http.HttpRequest.POST;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.gatehouse.adapters.http.admin.InstallationsController;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
class RequestIdFilterTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(client, json);
    }

    @Test
    void echoesASaneRequestId() {
        Api.Reply reply =
                api.as(AdminTokens.admin("alice"), GET("/admin/installations").header("X-Request-Id", "abc-123.x:y_z"));

        assertThat(reply.headers().get("X-Request-Id")).isEqualTo("abc-123.x:y_z");
    }

    @Test
    void replacesAnInsaneRequestIdAndGeneratesOneWhenMissing() {
        Api.Reply insane = api.send(GET("/admin/installations").header("X-Request-Id", "bad id\"<script>"));
        Api.Reply tooLong = api.send(GET("/admin/installations").header("X-Request-Id", "a".repeat(65)));
        Api.Reply missing = api.send(GET("/admin/installations"));

        for (Api.Reply reply : List.of(insane, tooLong, missing)) {
            assertThat(reply.headers().get("X-Request-Id")).matches("[0-9a-f-]{36}");
        }
        assertThat(missing.headers().get("X-Request-Id"))
                .isNotEqualTo(insane.headers().get("X-Request-Id"));
    }

    @Test
    void rejectionsCarryTheRequestIdInHeaderAndProblem() {
        Api.Reply reply = api.send(GET("/admin/installations").header("X-Request-Id", "rejected-1"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("X-Request-Id")).isEqualTo("rejected-1");
        assertThat(reply.json()).containsEntry("request_id", "rejected-1");
    }

    @Test
    void logLinesWrittenOnTheBlockingExecutorCarryTheRequestIdInTheMdc() {
        try (LogCapture logs = new LogCapture()) {
            Api.Reply reply = api.as(
                    AdminTokens.admin("alice"),
                    POST("/admin/installations", Map.of("name", "Traced", "site_url", "https://traced.example.com"))
                            .header("X-Request-Id", "trace-me-42"));
            assertThat(reply.status()).isEqualTo(201);

            ILoggingEvent registered = logs.events().stream()
                    .filter(e -> e.getLoggerName().equals(InstallationsController.class.getName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(registered.getThreadName()).doesNotContain("eventLoop");
            assertThat(registered.getMDCPropertyMap()).containsEntry("request_id", "trace-me-42");
        }
    }
}
