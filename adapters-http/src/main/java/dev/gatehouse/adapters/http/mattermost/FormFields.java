package dev.gatehouse.adapters.http.mattermost;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An {@code application/x-www-form-urlencoded} body as Mattermost posts a slash command: {@code name=value} pairs
 * joined by {@code &}, percent-encoded with {@code +} for space ({@link URLDecoder} decodes exactly that). A name sent
 * twice keeps its first value; a pair that does not decode is dropped rather than guessed at. Only the names asked for
 * are kept, and text without {@code %} or {@code +} is taken as it is: decoding every field of a slash command was
 * a tenth of its CPU (bench/README.md, "Issue 10").
 */
final class FormFields {

    private FormFields() {}

    /** Every field. */
    static Map<String, String> parse(byte[] body) {
        return parse(body, null);
    }

    /** The fields named in {@code wanted} (all when null). */
    static Map<String, String> parse(byte[] body, Set<String> wanted) {
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
                    String name = decode(form.substring(start, equals));
                    if ((wanted == null || wanted.contains(name)) && !fields.containsKey(name)) {
                        fields.put(name, decode(form.substring(equals + 1, end)));
                    }
                } catch (IllegalArgumentException malformed) {
                    // a broken escape: that field is not taken
                }
            }
            start = end + 1;
        }
        return fields;
    }

    private static String decode(String text) {
        return text.indexOf('%') < 0 && text.indexOf('+') < 0 ? text : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
