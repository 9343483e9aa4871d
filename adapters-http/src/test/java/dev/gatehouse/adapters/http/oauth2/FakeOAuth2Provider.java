package dev.gatehouse.adapters.http.oauth2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 provider over real HTTP that follows RFC 6749: authorization codes are single use and bound to their
 * redirect URI, refresh tokens rotate and are single use (a second redemption is invalid_grant), the client must
 * authenticate (Basic or body), userinfo needs a live access token. Shared with other modules' tests via the test-jar.
 */
public final class FakeOAuth2Provider implements AutoCloseable {

    public static final String CLIENT_ID = "gatehouse-client";
    public static final String CLIENT_SECRET = "provider-client-secret-7f3a9c";

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // refresh token -> username
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>(); // access token -> username
    private final Set<String> usedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshRedemptions = new AtomicInteger();
    private final AtomicInteger codeRedemptions = new AtomicInteger();
    private final AtomicInteger userinfoRequests = new AtomicInteger();
    private final List<Map<String, String>> tokenRequests = new ArrayList<>();
    private volatile long expiresInSeconds = 3600;
    private volatile boolean down;
    private volatile long tokenDelayMillis;

    private record Grant(String username, String redirectUri) {}

    public FakeOAuth2Provider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-oauth2");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/token", this::token);
        server.createContext("/userinfo", this::userinfo);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String authorizeUrl() {
        return baseUrl() + "/authorize";
    }

    public String tokenUrl() {
        return baseUrl() + "/token";
    }

    public String userinfoUrl() {
        return baseUrl() + "/userinfo";
    }

    /** What the provider's login page would do: the user signs in and a code for {@code redirectUri} is issued. */
    public String issueCode(String username, String redirectUri) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(username, redirectUri));
        return code;
    }

    public void expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void tokenDelay(long millis) {
        this.tokenDelayMillis = millis;
    }

    public int refreshRedemptions() {
        return refreshRedemptions.get();
    }

    /** Requests to the userinfo endpoint, with any token or none. */
    public int userinfoRequests() {
        return userinfoRequests.get();
    }

    public int codeRedemptions() {
        return codeRedemptions.get();
    }
    /** Expire every access token now, as the provider's clock would. */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    public synchronized List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }
    /** Every access and refresh token ever issued, to prove none leaks into storage or logs. */
    public Set<String> issuedTokens() {
        return Set.copyOf(issued);
    }

    private void token(HttpExchange exchange) throws IOException {
        if (down) {
            respond(exchange, 503, "{\"message\":\"maintenance\"}");
            return;
        }
        if (tokenDelayMillis > 0) {
            try {
                Thread.sleep(tokenDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .startsWith("application/x-www-form-urlencoded")) {
            respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"form POST required\"}");
            return;
        }
        Map<String, String> form =
                parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (this) {
            tokenRequests.add(Map.copyOf(form));
        }
        if (!clientAuthenticated(exchange, form)) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String username;
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                Grant grant = codes.remove(form.getOrDefault("code", ""));
                if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))) {
                    respond(
                            exchange,
                            400,
                            "{\"error\":\"invalid_grant\",\"error_description\":\"code unknown, used or for another redirect_uri\"}");
                    return;
                }
                codeRedemptions.incrementAndGet();
                username = grant.username();
            }
            case "refresh_token" -> {
                String presented = form.getOrDefault("refresh_token", "");
                refreshRedemptions.incrementAndGet();
                if (!usedRefreshTokens.add(presented) || !refreshTokens.containsKey(presented)) {
                    respond(
                            exchange,
                            400,
                            "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token already used or unknown\"}");
                    return;
                }
                username = refreshTokens.remove(presented);
            }
            default -> {
                respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
        }
        String access = "at-" + UUID.randomUUID();
        String refresh = "rt-" + UUID.randomUUID();
        accessTokens.put(access, username);
        refreshTokens.put(refresh, username);
        issued.add(access);
        issued.add(refresh);
        respond(
                exchange,
                200,
                "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresInSeconds
                        + ",\"refresh_token\":\"" + refresh + "\",\"scope\":\"read:user\"}");
    }

    /** Revokes every refresh token, so the next refresh is invalid_grant (the user revoked the app). */
    public void revokeRefreshTokens() {
        usedRefreshTokens.addAll(refreshTokens.keySet());
    }

    private boolean clientAuthenticated(HttpExchange exchange, Map<String, String> form) {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0
                    && CLIENT_ID.equals(decode(pair.substring(0, colon)))
                    && CLIENT_SECRET.equals(decode(pair.substring(colon + 1)));
        }
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        userinfoRequests.incrementAndGet();
        if (down) {
            respond(exchange, 503, "{}");
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String username = auth != null && auth.startsWith("Bearer ") ? accessTokens.get(auth.substring(7)) : null;
        if (username == null) {
            respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        respond(exchange, 200, "{\"id\":42,\"login\":\"" + username + "\",\"name\":\"Test User\"}");
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return form;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
