package dev.gatehouse.adapters.http.mattermost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.domain.installation.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Mattermost server with the Apps plugin, over real HTTP, as PROTOCOL.md describes it: it signs calls to the app
 * exactly like {@code upstream/uphttp/upstream.go} (HS256 over the UTF-8 bytes of the secret, header
 * {"alg":"HS256","typ":"JWT"}, only {@code exp} = now + 15 min and {@code acting_user_id} when acting_user is
 * expanded), sends real CallRequest JSON, and serves the two REST endpoints a bot DM needs, checking the bot token.
 */
public final class FakeMattermost implements AutoCloseable {

    public enum Mode { OK, FAIL_500, SLOW }

    public record Post(String authorization, String channelId, String message) {
    }

    private static final Pattern STRING_FIELD = Pattern.compile("\"(channel_id|message)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ARRAY = Pattern.compile("\\[\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"\\s*]");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String botUserId;
    public final String botToken;
    private final List<Post> posts = new ArrayList<>();
    private final List<String> directChannels = new ArrayList<>();
    private volatile Mode mode = Mode.OK;
    private volatile int requests;

    public FakeMattermost(String name) throws IOException {
        this.botUserId = "bot" + name;
        this.botToken = "bot-session-" + name + "-" + Long.toHexString(System.nanoTime());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/v4/channels/direct", this::direct);
        server.createContext("/api/v4/posts", this::post);
        server.start();
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
        return requests;
    }

    private boolean refused(HttpExchange exchange) throws IOException {
        requests++;
        if (mode == Mode.SLOW) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mode == Mode.FAIL_500) {
            respond(exchange, 500, "{\"id\":\"app.error\",\"message\":\"internal error\",\"status_code\":500}");
            return true;
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !("Bearer " + botToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"id\":\"api.context.session_expired.app_error\",\"message\":\"Invalid or expired session\",\"status_code\":401}");
            return true;
        }
        return false;
    }

    private void direct(HttpExchange exchange) throws IOException {
        if (refused(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher ids = ARRAY.matcher(body);
        if (!ids.find() || !ids.group(1).equals(botUserId)) {
            respond(exchange, 400, "{\"message\":\"bad direct channel request\"}");
            return;
        }
        String channelId = "dm-" + ids.group(1) + "-" + ids.group(2);
        synchronized (this) {
            directChannels.add(channelId);
        }
        respond(exchange, 201, "{\"id\":\"" + channelId + "\",\"create_at\":1700000000000,\"update_at\":1700000000000,"
                + "\"delete_at\":0,\"team_id\":\"\",\"type\":\"D\",\"display_name\":\"\",\"name\":\"" + ids.group(1) + "__"
                + ids.group(2) + "\",\"header\":\"\",\"purpose\":\"\",\"last_post_at\":0,\"total_msg_count\":0,"
                + "\"creator_id\":\"\",\"scheme_id\":null,\"props\":null,\"group_constrained\":null,\"shared\":false}");
    }

    private void post(HttpExchange exchange) throws IOException {
        if (refused(exchange)) {
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
        respond(exchange, 201, "{\"id\":\"post1\",\"channel_id\":\"" + channelId + "\",\"message\":\"x\",\"props\":{}}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    // ---- calls to the app, signed like the Apps plugin ----

    /** {@code createJWT}: exp = now + 15 min, acting_user_id only when given. */
    public static String token(Secret secret, Instant now, String actingUserId) {
        String claims = "{\"exp\":" + now.plus(Duration.ofMinutes(15)).getEpochSecond()
                + (actingUserId == null ? "" : ",\"acting_user_id\":\"" + actingUserId + "\"") + "}";
        return sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, secret.keyBytes(), "HmacSHA256");
    }

    public static String sign(String header, String claims, byte[] key, String macAlgorithm) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a call with {@code Mattermost-App-Authorization} set to the given value (null: no header). */
    public HttpResponse<String> call(URI url, String authorization, String body) throws IOException, InterruptedException {
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
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
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
        return "{\"path\":\"" + path + "\",\"expand\":{\"acting_user\":\"summary\"},\"values\":{\"x\":{\"label\":\"a\",\"value\":\"b\"}},"
                + "\"context\":{\"app_id\":\"\",\"mattermost_site_url\":\"" + siteUrl + "\","
                + "\"app_path\":\"/plugins/com.mattermost.apps/apps/hello-jwt\",\"bot_user_id\":\"" + botUserId + "\","
                + "\"bot_access_token\":\"" + botToken + "\",\"oauth2\":{}" + user
                + ",\"channel\":{\"id\":\"ch1\",\"team_id\":\"t1\",\"type\":\"O\",\"display_name\":\"Town Square\",\"name\":\"town-square\"},"
                + "\"app\":{\"app_id\":\"hello-jwt\",\"version\":\"v0.1.0\",\"bot_user_id\":\"" + botUserId + "\",\"bot_username\":\"hello-jwt\"}},"
                + "\"raw_command\":\"/hello-jwt " + path.substring(1) + "\",\"state\":null,\"selected_field\":\"\",\"query\":\"\"}";
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
