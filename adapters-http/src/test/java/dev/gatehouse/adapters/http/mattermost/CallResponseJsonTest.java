package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.RejectionReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallResponseJsonTest {

    /** Java 17 has no exhaustive switch over sealed types: prove every outcome is mapped and has a type. */
    @Test
    void everyOutcomeIsMapped() {
        Map<Class<?>, CallOutcome> samples = Map.of(
                CallOutcome.Ok.class, new CallOutcome.Ok("t"),
                CallOutcome.OkData.class, new CallOutcome.OkData("https://provider.example.com/authorize?state=s"),
                CallOutcome.Bindings.class, new CallOutcome.Bindings(List.of()),
                CallOutcome.Failed.class, new CallOutcome.Failed("no"));
        assertThat(samples.keySet()).containsExactlyInAnyOrder(CallOutcome.class.getPermittedSubclasses());
        samples.values()
                .forEach(outcome ->
                        assertThat(CallResponseJson.of(outcome).type()).isIn("ok", "error"));
        assertThat(CallResponseJson.of(new CallOutcome.Failed("no")).type()).isEqualTo("error");
    }

    @Test
    void theConnectUrlIsAStringAndFieldErrorsAreDataErrors() {
        assertThat(CallResponseJson.of(new CallOutcome.OkData("https://p/authorize")))
                .isEqualTo(new CallResponseJson("ok", null, "https://p/authorize"));
        assertThat(CallResponseJson.of(new CallOutcome.Failed("Missing client_id.", Map.of("client_id", "required"))))
                .isEqualTo(new CallResponseJson(
                        "error", "Missing client_id.", Map.of("errors", Map.of("client_id", "required"))));
    }

    @Test
    void everyRejectionHasAnErrorStatus() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(CallRejections.status(reason).getCode())
                    .as(reason.name())
                    .isBetween(400, 499);
        }
    }
}
