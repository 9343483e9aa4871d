package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.domain.call.CallOutcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Mattermost's CallResponse (PROTOCOL.md §4). {@code type} is always set; Mattermost reads an empty one as "ok". */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallResponseJson(String type, @Nullable String text, @Nullable List<BindingJson> data) {

    public static CallResponseJson error(String text) {
        return new CallResponseJson("error", text, null);
    }

    static CallResponseJson of(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Ok ok) {
            return new CallResponseJson("ok", ok.text(), null);
        }
        if (outcome instanceof CallOutcome.Bindings bindings) {
            return new CallResponseJson("ok", null, bindings.bindings().stream().map(BindingJson::of).toList());
        }
        if (outcome instanceof CallOutcome.Failed failed) {
            return error(failed.text());
        }
        throw new IllegalStateException("unmapped call outcome " + outcome.getClass().getSimpleName());
    }
}
