package dev.gatehouse.adapters.http.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The installations list: one page of a search. {@code page} counts from 0. */
public record InstallationsPage(
        ConsoleSession session, String query, List<InstallationView> rows, int page, int pages, long total) {

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages;
    }

    public String link(int toPage) {
        String q = query.isEmpty() ? "" : "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&";
        return ConsolePaths.ROOT + "/installations?" + q + "page=" + toPage;
    }
}
