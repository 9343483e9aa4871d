package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.domain.call.CallOutcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Mattermost's CallResponse (PROTOCOL.md §4). {@code type} is always set; Mattermost reads an empty one as "ok".
 * {@code data} is the bindings list, the OAuth2 connect URL (a string), or {@code {"errors":{field: message}}}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallResponseJson(
        String type, @Nullable String text, @Nullable Object data) {

    public static CallResponseJson error(String text) {
        return new CallResponseJson("error", text, null);
    }

    static CallResponseJson of(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Ok ok) {
            return new CallResponseJson("ok", ok.text(), null);
        }
        if (outcome instanceof CallOutcome.OkData ok) {
            return new CallResponseJson("ok", null, ok.data());
        }
        if (outcome instanceof CallOutcome.Bindings bindings) {
            return new CallResponseJson(
                    "ok",
                    null,
                    bindings.bindings().stream().map(BindingJson::of).toList());
        }
        if (outcome instanceof CallOutcome.Failed failed) {
            return failed.fieldErrors().isEmpty()
                    ? error(failed.text())
                    : new CallResponseJson("error", failed.text(), Map.of("errors", failed.fieldErrors()));
        }
        throw new IllegalStateException(
                "unmapped call outcome " + outcome.getClass().getSimpleName());
    }
}
