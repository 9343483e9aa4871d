package dev.gatehouse.adapters.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * The small pages a user's browser sees on the OAuth2 links of the slash-command ingress (CLASSIC.md §2): server
 * rendered, everything echoed escaped (texts name provider usernames and error codes), no script, no style, nothing
 * loaded, not cached, not framed, no referrer.
 */
public final class HtmlPage {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private HtmlPage() {}

    /** @param text Markdown-ish use-case text: {@code **bold**} and {@code `code`} are kept, everything else escaped */
    public static MutableHttpResponse<String> of(HttpStatus status, String title, String text) {
        return secured(HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_HTML_TYPE)
                .body(render(title, text)));
    }

    public static String render(String title, String text) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " · Gatehouse</title></head>\n<body><main><h1>" + escape(title) + "</h1><p>" + inline(text)
                + "</p></main></body></html>\n";
    }

    public static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    private static String inline(String text) {
        return escape(text)
                .replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>")
                .replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
