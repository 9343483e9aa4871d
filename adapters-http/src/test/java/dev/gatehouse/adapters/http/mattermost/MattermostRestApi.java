package dev.gatehouse.adapters.http.mattermost;

import static dev.gatehouse.adapters.http.mattermost.FakeHttp.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.application.fakes.InMemoryMattermostServer.Refused;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Mattermost's REST API ({@code /api/v4}) Gatehouse uses, over HTTP, in front of an
 * {@link InMemoryMattermostServer}: bearer tokens ({@code Authorization: Bearer} or {@code Token}, as Mattermost
 * parses them), JSON bodies with Mattermost's field names, its success statuses (201 where it creates), and its error
 * body {@code {"id","message","detailed_error","request_id","status_code"}}. It keeps the raw bodies of
 * {@code dialogs/open} so tests can read the wire format.
 */
final class MattermostRestApi implements HttpHandler {

    private static final String API = "/api/v4";
    private static final Pattern USER = Pattern.compile("/users/([^/]+)");
    private static final Pattern USER_BY_NAME = Pattern.compile("/users/username/([^/]+)");
    private static final Pattern USER_TOKENS = Pattern.compile("/users/([^/]+)/tokens");
    private static final Pattern BOT_ENABLE = Pattern.compile("/bots/([^/]+)/enable");
    private static final Pattern TEAM_MEMBERS = Pattern.compile("/teams/([^/]+)/members");
    private static final Pattern COMMAND_REGEN = Pattern.compile("/commands/([^/]+)/regen_token");

    private final InMemoryMattermostServer server;
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<String> dialogRequests = new ArrayList<>();

    MattermostRestApi(InMemoryMattermostServer server) {
        this.server = server;
    }

    /** The bodies {@code POST /api/v4/actions/dialogs/open} was given, oldest first. */
    synchronized List<String> dialogRequests() {
        return List.copyOf(dialogRequests);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (server.failure().isPresent()) {
            respond(exchange, 500, error(500, "app.error"));
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath().substring(API.length());
        String token = bearer(exchange);
        try {
            Answer answer = answer(method, path, token, exchange);
            respond(exchange, answer.status(), json.writeValueAsString(answer.body()));
        } catch (Refused refused) {
            respond(exchange, refused.status(), error(refused.status(), refused.id()));
        } catch (IOException | IllegalArgumentException | ClassCastException unreadable) { // a body it cannot decode
            respond(exchange, 400, error(400, "api.context.invalid_body_param.app_error"));
        } catch (RuntimeException bug) { // in this fake: say so rather than pass for Mattermost's answer
            respond(
                    exchange,
                    500,
                    error(500, "fake.unexpected." + bug.getClass().getSimpleName()));
        }
    }

    private record Answer(int status, Object body) {}

    private Answer answer(String method, String path, String token, HttpExchange exchange) throws IOException {
        Matcher m;
        switch (method + " " + path) {
            case "GET /users/me/teams" -> {
                return ok(server.teamsOf(token).stream()
                        .map(MattermostRestApi::team)
                        .toList());
            }
            case "GET /config" -> {
                return ok(config(server.config(token)));
            }
            case "PUT /config/patch" -> {
                return ok(config(server.patchConfig(token, settings(object(exchange)))));
            }
            case "POST /bots" -> {
                Map<String, Object> bot = object(exchange);
                return created(bot(server.createBot(
                        token, text(bot, "username"), text(bot, "display_name"), text(bot, "description"))));
            }
            case "POST /users/tokens/revoke" -> {
                server.revokeAccessToken(token, text(object(exchange), "token_id"));
                return ok(Map.of("status", "OK"));
            }
            case "GET /commands" -> {
                return ok(server.commands(token, query(exchange, "team_id")).stream()
                        .map(command -> command(command, false))
                        .toList());
            }
            case "POST /commands" -> {
                Map<String, Object> command = object(exchange);
                return created(command(
                        server.createCommand(
                                token,
                                new InMemoryMattermostServer.CommandRequest(
                                        text(command, "team_id"),
                                        text(command, "trigger"),
                                        text(command, "method"),
                                        text(command, "url"),
                                        text(command, "display_name"),
                                        text(command, "description"),
                                        Boolean.TRUE.equals(command.get("auto_complete")),
                                        text(command, "auto_complete_desc"),
                                        text(command, "auto_complete_hint"))),
                        true));
            }
            case "POST /actions/dialogs/open" -> {
                String body = FakeHttp.body(exchange);
                synchronized (this) {
                    dialogRequests.add(body);
                }
                server.openDialog(dialog(json.readValue(body, Argument.mapOf(String.class, Object.class))));
                return ok(Map.of("status", "OK"));
            }
            case "POST /channels/direct" -> {
                List<String> pair = json.readValue(FakeHttp.body(exchange), Argument.listOf(String.class));
                if (pair.size() != 2) {
                    throw new Refused(400, InMemoryMattermostServer.INVALID_PARAM);
                }
                String channelId = server.directChannel(token, pair.get(0), pair.get(1));
                return created(Map.of("id", channelId, "type", "D", "name", pair.get(0) + "__" + pair.get(1)));
            }
            case "POST /posts" -> {
                Map<String, Object> post = object(exchange);
                server.post(token, text(post, "channel_id"), text(post, "message"));
                return created(Map.of(
                        "id", InMemoryMattermostServer.newId(),
                        "channel_id", text(post, "channel_id"),
                        "message", text(post, "message")));
            }
            default -> {
                // the paths with an id in them
            }
        }
        if (method.equals("GET") && (m = USER_BY_NAME.matcher(path)).matches()) {
            return ok(user(server.userByUsername(token, decode(m.group(1)))));
        }
        if (method.equals("GET") && (m = USER.matcher(path)).matches()) {
            return ok(user(server.user(token, decode(m.group(1)))));
        }
        if (method.equals("POST") && (m = USER_TOKENS.matcher(path)).matches()) {
            InMemoryMattermostServer.AccessToken issued =
                    server.createAccessToken(token, decode(m.group(1)), text(object(exchange), "description"));
            return ok(Map.of(
                    "id", issued.id(),
                    "token", issued.token(),
                    "user_id", issued.userId(),
                    "description", issued.description(),
                    "is_active", true));
        }
        if (method.equals("POST") && (m = BOT_ENABLE.matcher(path)).matches()) {
            return ok(bot(server.enableBot(token, decode(m.group(1)))));
        }
        if (method.equals("POST") && (m = TEAM_MEMBERS.matcher(path)).matches()) {
            String teamId = decode(m.group(1));
            String userId = text(object(exchange), "user_id");
            server.addMember(token, teamId, userId);
            return created(Map.of("team_id", teamId, "user_id", userId, "roles", "team_user", "delete_at", 0));
        }
        if (method.equals("PUT") && (m = COMMAND_REGEN.matcher(path)).matches()) {
            return ok(Map.of("token", server.regenerateCommandToken(token, decode(m.group(1)))));
        }
        throw new Refused(404, "api.context.404.app_error");
    }

    private static Answer ok(Object body) {
        return new Answer(200, body);
    }

    private static Answer created(Object body) {
        return new Answer(201, body);
    }

    /** The token as Mattermost's {@code ParseAuthTokenFromRequest} reads the header: Bearer or Token, any case. */
    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            return null;
        }
        for (String scheme : List.of("bearer ", "token ")) {
            if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return authorization.substring(scheme.length()).strip();
            }
        }
        return null;
    }

    private String error(int status, String id) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("id", id);
        error.put("message", "Mattermost refused the request (" + id + ").");
        error.put("detailed_error", "");
        error.put("request_id", InMemoryMattermostServer.newId());
        error.put("status_code", status);
        return json.writeValueAsString(error);
    }

    private Map<String, Object> object(HttpExchange exchange) throws IOException {
        return json.readValue(FakeHttp.body(exchange), Argument.mapOf(String.class, Object.class));
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        return value == null ? null : value.toString();
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                    return decode(pair.substring(eq + 1));
                }
            }
        }
        return null;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> user(MattermostUser user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("create_at", 1700000000000L);
        json.put("delete_at", 0);
        json.put("username", user.username());
        json.put("email", user.username() + "@private-body-marker.example.com");
        json.put("roles", user.roles());
        json.put("is_bot", user.bot());
        json.put("locale", "en");
        json.put("props", Map.of());
        return json;
    }

    private static Map<String, Object> team(MattermostTeam team) {
        return Map.of(
                "id", team.id(), "name", team.name(), "display_name", team.displayName(), "type", "O", "delete_at", 0);
    }

    private static Map<String, Object> bot(InMemoryMattermostServer.Bot bot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", bot.userId());
        json.put("username", bot.username());
        json.put("display_name", bot.displayName());
        json.put("description", bot.description());
        json.put("owner_id", bot.ownerId());
        json.put("create_at", 1700000000000L);
        json.put("delete_at", bot.enabled() ? 0 : 1700000000001L);
        return json;
    }

    /** A command as Mattermost answers it; the list leaves out the token, as a client should not rely on it there. */
    private static Map<String, Object> command(InMemoryMattermostServer.Command command, boolean withToken) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", command.id());
        if (withToken) {
            json.put("token", command.token());
        }
        json.put("creator_id", command.creatorId());
        json.put("team_id", command.teamId());
        json.put("trigger", command.trigger());
        json.put("method", command.request().method());
        json.put("url", command.url());
        json.put("auto_complete", command.request().autocomplete());
        json.put("display_name", command.request().displayName());
        return json;
    }

    /** The config as Mattermost answers it: each setting at its path, among many others Gatehouse does not read. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<ServerSetting, Boolean> settings) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(
                "ServiceSettings",
                new LinkedHashMap<>(Map.of("SiteURL", "", "OutgoingIntegrationRequestsTimeout", 30)));
        config.put("TeamSettings", Map.of("RestrictDirectMessage", "any"));
        settings.forEach((setting, on) -> {
            String[] path = setting.configPath().split("\\.");
            ((Map<String, Object>) config.get(path[0])).put(path[1], on);
        });
        return config;
    }

    /** The three settings a patch names; keys it does not name are not in the result. */
    private static Map<ServerSetting, Boolean> settings(Map<String, Object> patch) {
        Map<ServerSetting, Boolean> settings = new EnumMap<>(ServerSetting.class);
        for (ServerSetting setting : ServerSetting.values()) {
            String[] path = setting.configPath().split("\\.");
            if (patch.get(path[0]) instanceof Map<?, ?> section && section.get(path[1]) instanceof Boolean value) {
                settings.put(setting, value);
            }
        }
        return settings;
    }

    /** The dialog as Mattermost reads {@code model.OpenDialogRequest}. */
    private static Dialog dialog(Map<?, ?> request) {
        Map<?, ?> dialog = (Map<?, ?>) request.get("dialog");
        List<Dialog.Element> elements = new ArrayList<>();
        Object listed = dialog.get("elements");
        if (listed instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> element = (Map<?, ?>) item;
                elements.add(new Dialog.Element(
                        (String) element.get("display_name"),
                        (String) element.get("name"),
                        "password".equals(element.get("subtype")),
                        Boolean.TRUE.equals(element.get("optional")),
                        (String) element.get("help_text")));
            }
        }
        Object url = request.get("url");
        return new Dialog(
                (String) request.get("trigger_id"),
                url == null ? "" : (String) url,
                (String) dialog.get("callback_id"),
                (String) dialog.get("title"),
                elements,
                (String) dialog.get("submit_label"),
                (String) dialog.get("state"));
    }
}
