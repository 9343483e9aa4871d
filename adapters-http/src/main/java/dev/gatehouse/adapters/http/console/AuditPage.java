package dev.gatehouse.adapters.http.console;

import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The audit log, newest first, with its filters as typed; {@code olderThan} is the time of the last line shown when
 * there may be more.
 */
public record AuditPage(
        ConsoleSession session,
        String installation,
        String outcome,
        String since,
        String before,
        List<AuditLine> lines,
        @Nullable String olderThan,
        Map<String, String> errors) {

    public String error(String field) {
        return errors.get(field);
    }

    public String olderLink() {
        return ConsolePaths.ROOT + "/audit?installation=" + enc(installation) + "&outcome=" + enc(outcome) + "&since="
                + enc(since) + "&before=" + enc(olderThan == null ? "" : olderThan);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
