package dev.gatehouse.adapters.http.error;

import io.micronaut.serde.annotation.Serdeable;

/** Mattermost's error CallResponse: {@code {"type":"error","text":"..."}}; Mattermost shows {@code text} to the user. */
@Serdeable
public record ErrorCallResponseJson(String type, String text) {

    public static ErrorCallResponseJson of(String text) {
        return new ErrorCallResponseJson("error", text);
    }
}
