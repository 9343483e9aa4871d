package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.application.slash.DialogSubmission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The JSON Mattermost posts when a dialog is submitted or cancelled (CLASSIC.md §1); unknown fields are ignored. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record DialogSubmissionJson(
        @Nullable String type,
        @JsonProperty("callback_id") @Nullable String callbackId,
        @Nullable String state,
        @JsonProperty("user_id") @Nullable String userId,
        @JsonProperty("channel_id") @Nullable String channelId,
        @JsonProperty("team_id") @Nullable String teamId,
        @Nullable Map<String, Object> submission,
        boolean cancelled) {

    /** Text values only: a dialog of Gatehouse has text elements. */
    DialogSubmission toSubmission(String installationId) {
        Map<String, String> values = new LinkedHashMap<>();
        if (submission != null) {
            submission.forEach((name, value) -> {
                if (name != null && value instanceof String text) {
                    values.put(name, text);
                }
            });
        }
        return new DialogSubmission(installationId, callbackId, state, userId, channelId, teamId, values, cancelled);
    }

    @Override
    public String toString() {
        return "DialogSubmissionJson[callbackId=" + callbackId + ", userId=" + userId + ", submission="
                + (submission == null ? "{}" : new TreeSet<>(submission.keySet())) + ", state=redacted]";
    }
}
