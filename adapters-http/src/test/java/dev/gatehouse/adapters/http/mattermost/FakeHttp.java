package dev.gatehouse.adapters.http.mattermost;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The few HTTP helpers the fake Mattermost servers share. */
final class FakeHttp {

    private FakeHttp() {}

    /** Counts nothing and plays the mode: SLOW answers late, FAIL_500 answers 500. True when answered already. */
    static boolean answeredByMode(HttpExchange exchange, FakeMattermost.Mode mode) throws IOException {
        if (mode == FakeMattermost.Mode.SLOW) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mode == FakeMattermost.Mode.FAIL_500) {
            respond(exchange, 500, "{\"id\":\"app.error\",\"message\":\"internal error\",\"status_code\":500}");
            return true;
        }
        if (mode == FakeMattermost.Mode.HTML_200) {
            byte[] page = "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
            return true;
        }
        return false;
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static void respondEmpty(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
