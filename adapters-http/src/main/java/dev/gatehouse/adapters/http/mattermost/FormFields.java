package dev.gatehouse.adapters.http.mattermost;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body as Mattermost posts a slash command: {@code name=value} pairs
 * joined by {@code &}, percent-encoded with {@code +} for space ({@link URLDecoder} decodes exactly that). A name sent
 * twice keeps its first value; a pair that does not decode is dropped rather than guessed at.
 */
final class FormFields {

    private FormFields() {}

    static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.length == 0) {
            return fields;
        }
        String form = new String(body, StandardCharsets.UTF_8);
        int start = 0;
        while (start <= form.length()) {
            int end = form.indexOf('&', start);
            if (end < 0) {
                end = form.length();
            }
            int equals = form.indexOf('=', start);
            if (equals > start && equals < end) {
                try {
                    fields.putIfAbsent(
                            URLDecoder.decode(form.substring(start, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(form.substring(equals + 1, end), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // a broken escape: that field is not taken
                }
            }
            start = end + 1;
        }
        return fields;
    }
}
