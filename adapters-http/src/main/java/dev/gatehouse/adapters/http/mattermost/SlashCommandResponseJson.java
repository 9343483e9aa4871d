package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a custom slash command answers (CLASSIC.md §1): an ephemeral text only the user sees. Mattermost shows at most
 * 16,383 characters; longer text is cut.
 */
@Serdeable
record SlashCommandResponseJson(
        @JsonProperty("response_type") String responseType, String text) {

    static final int MAX_TEXT = 16_383;

    static SlashCommandResponseJson ephemeral(String text) {
        return new SlashCommandResponseJson(
                "ephemeral", text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…");
    }
}
