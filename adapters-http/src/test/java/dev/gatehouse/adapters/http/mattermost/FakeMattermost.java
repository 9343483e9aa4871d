package dev.gatehouse.adapters.http.mattermost;

import static dev.gatehouse.adapters.http.mattermost.FakeHttp.quote;
import static dev.gatehouse.adapters.http.mattermost.FakeHttp.respond;
import static dev.gatehouse.adapters.http.mattermost.FakeHttp.respondEmpty;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.CallTokens;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mattermost server with the Apps plugin, over real HTTP, as PROTOCOL.md describes it: it signs calls to the app
 * exactly like {@code upstream/uphttp/upstream.go} (HS256 over the UTF-8 bytes of the secret, header
 * {"alg":"HS256","typ":"JWT"}, only {@code exp} = now + 15 min and {@code acting_user_id} when acting_user is
 * expanded), sends real CallRequest JSON, and serves the two REST endpoints a bot DM needs, checking the bot token.
 *
 * <p>It also serves the plugin's OAuth2 storage (PROTOCOL.md §6.1) — {@code /oauth2/app} only for the session of a
 * user with manage_system, {@code /oauth2/user} per session user, bot sessions refused, bodies up to 8192 bytes of
 * JSON, JSON {@code null} clearing — and expands what was stored into {@code context.oauth2} of the calls it makes,
 * with the connect and complete URLs, exactly for the expand keys a call asks for.
 *
 * <p>{@code /api/v4/users/…} and {@code /api/v4/actions/dialogs/open} are the server's REST API without the plugin
 * ({@link MattermostRestApi} on {@link #users()}), the same as {@link FakeClassicMattermost} serves.
 */
public final class FakeMattermost implements AutoCloseable {

    public enum Mode {
        OK,
        FAIL_500,
        SLOW,
        /** 200 with an HTML page, as a proxy or a wrong URL answers. */
        HTML_200
    }

    public record Post(String authorization, String channelId, String message) {}

    private static final Pattern STRING_FIELD =
            Pattern.compile("\"(channel_id|message)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ARRAY = Pattern.compile("\\[\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"\\s*]");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String botUserId;
    public final String botToken;
    private final List<Post> posts = new ArrayList<>();
    private final List<String> directChannels = new ArrayList<>();
    private volatile Mode mode = Mode.OK;
    private final AtomicInteger requests = new AtomicInteger();

    /** A Mattermost session the plugin made for a user (the acting_user_access_token). */
    private record Session(String userId, boolean manageSystem) {}

    public static final String PLUGIN_API = "/plugins/com.mattermost.apps/api/v1";
    public static final String APP_ID = "hello-jwt";
    private static final int MAX_STORED = 8192;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final JsonMapper json = JsonMapper.createDefault();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final InMemoryMattermostServer users = new InMemoryMattermostServer();
    private final Map<String, String> userTokens = new ConcurrentHashMap<>();
    private final Map<String, String> oauth2Users = new ConcurrentHashMap<>();
    private final AtomicInteger oauth2AppWrites = new AtomicInteger();
    private final AtomicInteger oauth2UserReads = new AtomicInteger();
    private volatile String oauth2App;

    public FakeMattermost(String name) throws IOException {
        this.name = name;
        this.botUserId = "bot" + name;
        this.botToken = "bot-session-" + name + "-" + Long.toHexString(System.nanoTime());
        sessions.put(botToken, new Session(botUserId, false));
        users.putUser(botUserId, APP_ID, false, true);
        users.addLogin(botToken, botUserId);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/v4/channels/direct", this::direct);
        server.createContext("/api/v4/posts", this::post);
        MattermostRestApi restApi = new MattermostRestApi(users);
        for (String path : List.of("/api/v4/users/", "/api/v4/actions/")) {
            server.createContext(path, exchange -> {
                if (!answeredEarly(exchange, false)) {
                    restApi.handle(exchange);
                }
            });
        }
        server.createContext(PLUGIN_API + "/oauth2/app", this::oauth2App);
        server.createContext(PLUGIN_API + "/oauth2/user", this::oauth2User);
        server.start();
    }

    /**
     * The server's users and its sessions of them, which {@code GET /api/v4/users/{id}} and
     * {@code POST /api/v4/actions/dialogs/open} answer from (as the server without the plugin does); issue trigger
     * ids and read opened dialogs here.
     */
    public InMemoryMattermostServer users() {
        return users;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    public synchronized List<String> directChannels() {
        return List.copyOf(directChannels);
    }

    public int requests() {
        return requests.get();
    }

    /** The messages posted in the direct channel between the bot and {@code userId}, oldest first. */
    public synchronized List<String> directMessagesTo(String userId) {
        String channelId = directChannelId(botUserId, userId);
        return posts.stream()
                .filter(post -> post.channelId().equals(channelId))
                .map(Post::message)
                .toList();
    }

    private static String directChannelId(String botUserId, String userId) {
        return "dm-" + botUserId + "-" + userId;
    }

    /**
     * Counts the request and plays the mode: SLOW answers late, FAIL_500 answers 500. The bot endpoints (direct channel,
     * posts) also need a POST with the bot's bearer token and answer 401 otherwise. True when the request has been
     * answered already.
     */
    private boolean answeredEarly(HttpExchange exchange, boolean botEndpoint) throws IOException {
        requests.incrementAndGet();
        if (FakeHttp.answeredByMode(exchange, mode)) {
            return true;
        }
        if (botEndpoint
                && (!"POST".equals(exchange.getRequestMethod())
                        || !("Bearer " + botToken)
                                .equals(exchange.getRequestHeaders().getFirst("Authorization")))) {
            respond(
                    exchange,
                    401,
                    "{\"id\":\"api.context.session_expired.app_error\",\"message\":\"Invalid or expired session\",\"status_code\":401}");
            return true;
        }
        return false;
    }

    private void direct(HttpExchange exchange) throws IOException {
        if (answeredEarly(exchange, true)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher ids = ARRAY.matcher(body);
        if (!ids.find() || !ids.group(1).equals(botUserId)) {
            respond(exchange, 400, "{\"message\":\"bad direct channel request\"}");
            return;
        }
        String channelId = directChannelId(ids.group(1), ids.group(2));
        synchronized (this) {
            directChannels.add(channelId);
        }
        respond(
                exchange,
                201,
                "{\"id\":\"" + channelId + "\",\"create_at\":1700000000000,\"update_at\":1700000000000,"
                        + "\"delete_at\":0,\"team_id\":\"\",\"type\":\"D\",\"display_name\":\"\",\"name\":\""
                        + ids.group(1) + "__"
                        + ids.group(2) + "\",\"header\":\"\",\"purpose\":\"\",\"last_post_at\":0,\"total_msg_count\":0,"
                        + "\"creator_id\":\"\",\"scheme_id\":null,\"props\":null,\"group_constrained\":null,\"shared\":false}");
    }

    private void post(HttpExchange exchange) throws IOException {
        if (answeredEarly(exchange, true)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String channelId = null;
        String message = null;
        Matcher fields = STRING_FIELD.matcher(body);
        while (fields.find()) {
            if (fields.group(1).equals("channel_id")) {
                channelId = fields.group(2);
            } else {
                message = fields.group(2);
            }
        }
        synchronized (this) {
            if (!directChannels.contains(channelId)) {
                respond(exchange, 403, "{\"message\":\"no such channel\"}");
                return;
            }
            posts.add(new Post(exchange.getRequestHeaders().getFirst("Authorization"), channelId, message));
        }
        respond(
                exchange,
                201,
                "{\"id\":\"post1\",\"channel_id\":\"" + channelId + "\",\"message\":\"x\",\"props\":{}}");
    }

    // ---- the Apps plugin's OAuth2 storage ----

    /** The acting_user_access_token the plugin gives {@code userId} (one per user); admins have manage_system. */
    public String userToken(String userId, boolean systemAdmin) {
        String token = userTokens.computeIfAbsent(
                userId + (systemAdmin ? "#admin" : ""),
                key -> "user-session-" + name + "-" + userId + "-" + Long.toHexString(RANDOM.nextLong()));
        sessions.put(token, new Session(userId, systemAdmin));
        users.putUser(userId, "user-" + userId, systemAdmin, false);
        users.addLogin(token, userId);
        return token;
    }

    /** The JSON stored through {@code /oauth2/app}, as stored. */
    public Optional<String> storedOAuth2App() {
        return Optional.ofNullable(oauth2App);
    }

    /** The client_id in what was stored through {@code /oauth2/app}. */
    public Optional<String> storedOAuth2ClientId() {
        return storedOAuth2App()
                .map(this::parse)
                .map(app -> app.get("client_id"))
                .map(String::valueOf);
    }

    /** The JSON stored through {@code /oauth2/user} for {@code userId}, as stored. */
    public Optional<String> storedOAuth2User(String userId) {
        return Optional.ofNullable(oauth2Users.get(userId));
    }

    /** Stores the OAuth2 app JSON as if an app had (e.g. sealed with another key). */
    public void storeOAuth2App(String storedJson) {
        oauth2App = storedJson;
    }

    /** Every session token this server issued (bot and users), to prove none leaks. */
    public List<String> sessionTokens() {
        return List.copyOf(sessions.keySet());
    }

    /** Stores JSON for a user as if an app had (e.g. something Gatehouse did not seal, or sealed with another key). */
    public void storeOAuth2User(String userId, String storedJson) {
        oauth2Users.put(userId, storedJson);
    }

    public int oauth2AppWrites() {
        return oauth2AppWrites.get();
    }

    public int oauth2UserReads() {
        return oauth2UserReads.get();
    }

    /** Bearer session of the request; null (answered already) when it is missing, unknown or not allowed. */
    private Session session(HttpExchange exchange, boolean needsManageSystem) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Session session = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? sessions.get(authorization.substring(7))
                : null;
        if (session == null) {
            respond(
                    exchange,
                    401,
                    "{\"id\":\"api.context.session_expired.app_error\",\"message\":\"Invalid or expired session\",\"status_code\":401}");
            return null;
        }
        if (session.userId().equals(botUserId) || (needsManageSystem && !session.manageSystem())) {
            respond(exchange, 403, "{\"message\":\"forbidden\",\"status_code\":403}");
            return null;
        }
        return session;
    }

    /** The JSON body (≤ 8192 bytes) as text; null (answered already) when too large or not JSON. */
    private String storedBody(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_STORED + 1);
        if (body.length > MAX_STORED) {
            respond(exchange, 400, "{\"message\":\"value is too long\"}");
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            json.readValue(text, Object.class);
        } catch (IOException | RuntimeException e) {
            respond(exchange, 400, "{\"message\":\"invalid JSON\"}");
            return null;
        }
        return text.strip();
    }

    private void oauth2App(HttpExchange exchange) throws IOException {
        if (answeredEarly(exchange, false)) {
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("POST") && !method.equals("PUT")) {
            respond(exchange, 405, "{}");
            return;
        }
        if (session(exchange, true) == null) {
            return;
        }
        String body = storedBody(exchange);
        if (body == null) {
            return;
        }
        oauth2App = body;
        oauth2AppWrites.incrementAndGet();
        respondEmpty(exchange);
    }

    private void oauth2User(HttpExchange exchange) throws IOException {
        if (answeredEarly(exchange, false)) {
            return;
        }
        Session session = session(exchange, false);
        if (session == null) {
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                oauth2UserReads.incrementAndGet();
                String stored = oauth2Users.get(session.userId());
                if (stored == null) {
                    respondEmpty(exchange);
                } else {
                    respond(exchange, 200, stored);
                }
            }
            case "POST", "PUT" -> {
                String body = storedBody(exchange);
                if (body == null) {
                    return;
                }
                if (body.equals("null")) {
                    oauth2Users.remove(session.userId());
                } else {
                    oauth2Users.put(session.userId(), body);
                }
                respondEmpty(exchange);
            }
            default -> respond(exchange, 405, "{}");
        }
    }

    // ---- calls to the app, signed like the Apps plugin ----

    public String connectUrl(String siteUrl) {
        return siteUrl + "/plugins/com.mattermost.apps/apps/" + APP_ID + "/oauth2/remote/connect";
    }

    public String completeUrl(String siteUrl) {
        return siteUrl + "/plugins/com.mattermost.apps/apps/" + APP_ID + "/oauth2/remote/complete";
    }

    /** The state the plugin makes when a user opens the connect URL: 20 base64url characters, a dot, the user id. */
    public static String connectState(String userId) {
        byte[] random = new byte[15];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "." + userId;
    }

    /**
     * A v1.2 CallRequest for {@code path} as the plugin builds it from the call's {@code expand}: the acting user at the
     * level asked, the user's session token, and {@code context.oauth2} from what was stored through the plugin.
     */
    public String callBody(
            String path,
            Map<String, String> expand,
            String siteUrl,
            String userId,
            String roles,
            Map<String, String> values) {
        StringBuilder context = new StringBuilder("{\"app_id\":\"\",\"mattermost_site_url\":")
                .append(quote(siteUrl))
                .append(",\"app_path\":\"/plugins/com.mattermost.apps/apps/")
                .append(APP_ID)
                .append("\"")
                .append(",\"bot_user_id\":")
                .append(quote(botUserId))
                .append(",\"bot_access_token\":")
                .append(quote(botToken));
        String actingLevel = level(expand, "acting_user");
        if (!actingLevel.isEmpty()) {
            context.append(",\"acting_user\":")
                    .append(actingLevel.equals("id") ? "{\"id\":" + quote(userId) + "}" : userJson(userId, roles));
        }
        if (!level(expand, "acting_user_access_token").isEmpty()) {
            context.append(",\"acting_user_access_token\":")
                    .append(quote(userToken(userId, roles.contains("system_admin"))));
        }
        List<String> oauth2 = new ArrayList<>();
        if (!level(expand, "oauth2_app").isEmpty()) {
            Map<String, Object> app = storedOAuth2App().map(this::parse).orElse(Map.of());
            for (String key : List.of("client_id", "client_secret")) {
                if (app.get(key) instanceof String value && !value.isEmpty()) {
                    oauth2.add(quote(key) + ":" + quote(value));
                }
            }
            oauth2.add("\"connect_url\":" + quote(connectUrl(siteUrl)));
            oauth2.add("\"complete_url\":" + quote(completeUrl(siteUrl)));
        }
        if (!level(expand, "oauth2_user").isEmpty()) {
            storedOAuth2User(userId).ifPresent(user -> oauth2.add("\"user\":" + user));
        }
        context.append(",\"oauth2\":{").append(String.join(",", oauth2)).append("}}");
        StringBuilder expandJson = new StringBuilder("{");
        expand.forEach((key, level) -> expandJson
                .append(expandJson.length() > 1 ? "," : "")
                .append(quote(key))
                .append(":")
                .append(quote(level)));
        StringBuilder valuesJson = new StringBuilder("{");
        values.forEach((key, value) -> valuesJson
                .append(valuesJson.length() > 1 ? "," : "")
                .append(quote(key))
                .append(":")
                .append(quote(value)));
        return "{\"path\":" + quote(path) + ",\"expand\":" + expandJson + "}" + ",\"values\":" + valuesJson + "}"
                + ",\"context\":" + context + ",\"raw_command\":" + quote("/" + APP_ID + " " + path.substring(1))
                + ",\"state\":null,\"selected_field\":\"\",\"query\":\"\"}";
    }

    /** Signs and posts a call like the plugin: {@code acting_user_id} in the token exactly when acting_user is expanded. */
    public HttpResponse<String> invoke(
            URI url,
            Secret secret,
            Instant now,
            Map<String, String> expand,
            String siteUrl,
            String userId,
            String roles,
            Map<String, String> values)
            throws IOException, InterruptedException {
        String path = url.getPath().substring(url.getPath().indexOf('/', "/i/".length()));
        String actingUserId = level(expand, "acting_user").isEmpty() ? null : userId;
        return call(
                url,
                "Bearer " + CallTokens.mattermost(secret, now, actingUserId),
                callBody(path, expand, siteUrl, userId, roles, values));
    }

    private static String level(Map<String, String> expand, String key) {
        return expand.getOrDefault(key, "").replace("+", "");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text) {
        try {
            Object value = json.readValue(text, Object.class);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** POSTs a call with {@code Mattermost-App-Authorization} set to the given value (null: no header). */
    public HttpResponse<String> call(URI url, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mattermost-Bot/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Mattermost-App-Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The /ping body of v1.2.1+: a bare context. */
    public static String pingBody() {
        return "{\"path\":\"/ping\",\"context\":{\"app_id\":\"\",\"mattermost_site_url\":\"\",\"app_path\":\"\","
                + "\"bot_user_id\":\"\",\"oauth2\":{}}}";
    }

    /**
     * A v1.2 CallRequest with the acting user expanded as a full Mattermost user object (many fields Gatehouse does
     * not know, nested objects, a field from a future version).
     */
    public String callBody(String path, String siteUrl, String actingUserId, String roles) {
        String user = actingUserId == null ? "" : ",\"acting_user\":" + userJson(actingUserId, roles);
        return "{\"path\":\"" + path
                + "\",\"expand\":{\"acting_user\":\"summary\"},\"values\":{\"x\":{\"label\":\"a\",\"value\":\"b\"}},"
                + "\"context\":{\"app_id\":\"\",\"mattermost_site_url\":\"" + siteUrl + "\","
                + "\"app_path\":\"/plugins/com.mattermost.apps/apps/hello-jwt\",\"bot_user_id\":\"" + botUserId + "\","
                + "\"bot_access_token\":\"" + botToken + "\",\"oauth2\":{}" + user
                + ",\"channel\":{\"id\":\"ch1\",\"team_id\":\"t1\",\"type\":\"O\",\"display_name\":\"Town Square\",\"name\":\"town-square\"},"
                + "\"app\":{\"app_id\":\"hello-jwt\",\"version\":\"v0.1.0\",\"bot_user_id\":\"" + botUserId
                + "\",\"bot_username\":\"hello-jwt\"}},"
                + "\"raw_command\":\"/hello-jwt " + path.substring(1)
                + "\",\"state\":null,\"selected_field\":\"\",\"query\":\"\"}";
    }

    public static String userJson(String id, String roles) {
        return "{\"id\":\"" + id + "\",\"create_at\":1700000000000,\"update_at\":1700000000000,\"delete_at\":0,"
                + "\"username\":\"user-" + id + "\",\"auth_data\":\"\",\"auth_service\":\"\",\"email\":\"" + id
                + "@private-body-marker.example.com\",\"email_verified\":true,\"nickname\":\"\",\"first_name\":\"Ann\","
                + "\"last_name\":\"Example\",\"position\":\"\",\"roles\":\"" + roles + "\",\"allow_marketing\":false,"
                + "\"props\":{\"customStatus\":\"\"},\"notify_props\":{\"channel\":\"true\",\"desktop\":\"mention\",\"email\":\"true\"},"
                + "\"last_password_update\":1700000000000,\"last_picture_update\":0,\"failed_attempts\":0,\"locale\":\"en\","
                + "\"timezone\":{\"automaticTimezone\":\"\",\"manualTimezone\":\"\",\"useAutomaticTimezone\":\"true\"},"
                + "\"mfa_active\":false,\"is_bot\":false,\"bot_description\":\"\",\"terms_of_service_id\":\"\","
                + "\"terms_of_service_create_at\":0,\"disable_welcome_email\":false,"
                + "\"a_field_from_the_future\":{\"nested\":[1,2.5,{\"deep\":null}],\"flag\":true}}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
