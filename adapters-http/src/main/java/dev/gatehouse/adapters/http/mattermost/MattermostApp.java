package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.mattermost.BindingJson.CallJson;
import dev.gatehouse.application.call.ListBindings;
import dev.gatehouse.domain.call.AppCall;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.AppVersion;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Mattermost app Gatehouse presents: its id ({@code gatehouse.app-id}), version, and manifest. Eager
 * ({@link Context}) so a bad app id stops the start-up with a message naming the key, instead of failing the first
 * manifest fetch. The manifest is the same for every installation except {@code http.root_url}, so serving it needs
 * nothing but the (cached) installation lookup.
 */
@Context
public final class MattermostApp {

    public static final String APP_ID_KEY = "gatehouse.app-id";
    public static final List<String> PERMISSIONS = List.of("act_as_bot", "act_as_user", "remote_oauth2");
    public static final List<String> LOCATIONS = List.of("/command");
    /** The bindings call learns the acting user's roles (system admins get {@code configure}). */
    static final AppCall BINDINGS = AppCall.to("/bindings", Map.of("acting_user", "summary"));
    /** {@code app: summary} carries the bot user id; the admin who installs is the acting user. */
    static final AppCall ON_INSTALL = AppCall.to("/install", Map.of("app", "summary", "acting_user", "id"));

    static final AppCall ON_UNINSTALL = AppCall.to("/uninstall", Map.of("acting_user", "id"));
    /**
     * A manifest expand replaces the plugin's default instead of merging into it (PROTOCOL.md §1), so each OAuth2 call
     * lists everything it needs: the client and URLs, and the user's session to store the token with.
     */
    static final AppCall GET_OAUTH2_CONNECT_URL = AppCall.to(
            "/oauth2/connect",
            Map.of("acting_user", "summary", "acting_user_access_token", "all", "oauth2_app", "all"));

    static final AppCall ON_OAUTH2_COMPLETE = AppCall.to(
            "/oauth2/complete",
            Map.of(
                    "acting_user",
                    "summary",
                    "acting_user_access_token",
                    "all",
                    "oauth2_app",
                    "all",
                    "oauth2_user",
                    "all"));

    private final AppId appId;
    private final AppVersion version;
    private final PublicUrl publicUrl;

    public MattermostApp(@Value("${" + APP_ID_KEY + ":hello-jwt}") String appId, PublicUrl publicUrl) {
        try {
            this.appId = new AppId(appId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(APP_ID_KEY + " (GATEHOUSE_APP_ID) is invalid: " + e.getMessage(), e);
        }
        this.version = new AppVersion(readVersion());
        this.publicUrl = publicUrl;
    }

    public AppId appId() {
        return appId;
    }

    public AppVersion version() {
        return version;
    }

    ManifestJson manifest(InstallationId id) {
        return new ManifestJson(
                appId.value(),
                version.value(),
                publicUrl.base(),
                "Gatehouse (" + appId + ")",
                "Multi-tenant Mattermost app: verified calls, a bot that DMs you, and OAuth2 to a third-party provider.",
                ListBindings.ICON,
                PERMISSIONS,
                LOCATIONS,
                CallJson.of(BINDINGS),
                CallJson.of(ON_INSTALL),
                CallJson.of(ON_UNINSTALL),
                CallJson.of(GET_OAUTH2_CONNECT_URL),
                CallJson.of(ON_OAUTH2_COMPLETE),
                new ManifestJson.HttpJson(publicUrl.rootUrl(id), true));
    }

    private static String readVersion() {
        try (InputStream in = MattermostApp.class.getResourceAsStream("app.properties")) {
            if (in == null) {
                throw new IllegalStateException("app.properties is missing from the adapters-http jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            // a development build ("0.2.0-SNAPSHOT") still presents a version Mattermost accepts
            return properties.getProperty("version").replace("-SNAPSHOT", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
