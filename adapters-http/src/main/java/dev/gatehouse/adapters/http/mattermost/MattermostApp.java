package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.AppConfiguration;
import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.mattermost.BindingJson.CallJson;
import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.application.call.CommandCatalog.Hook;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.AppVersion;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The Mattermost app Gatehouse presents: its id ({@code gatehouse.app-id}), version, and manifest. Eager
 * ({@link Context}) so a bad app id stops the start-up with a message naming the key, instead of failing the first
 * manifest fetch. The manifest is the same for every installation except {@code http.root_url}, so serving it needs
 * nothing but the (cached) installation lookup; its calls are the command catalog's hooks.
 */
@Context
public final class MattermostApp {

    public static final List<String> PERMISSIONS = List.of("act_as_bot", "act_as_user", "remote_oauth2");
    public static final List<String> LOCATIONS = List.of("/command");

    private final AppId appId;
    private final AppVersion version;
    private final PublicUrl publicUrl;

    public MattermostApp(AppConfiguration configuration, PublicUrl publicUrl) {
        try {
            this.appId = new AppId(configuration.appId());
        } catch (IllegalArgumentException e) {
            // no cause: a start-up failure prints its innermost message, and this one names the key
            throw new IllegalArgumentException(
                    AppConfiguration.APP_ID + " (GATEHOUSE_APP_ID) is invalid: " + e.getMessage());
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

    ManifestJson manifest(InstallationId id, CommandCatalog catalog) {
        return new ManifestJson(
                appId.value(),
                version.value(),
                publicUrl.base(),
                "Gatehouse (" + appId + ")",
                "Multi-tenant Mattermost app: verified calls, a bot that DMs you, and OAuth2 to a third-party provider.",
                CommandCatalog.ICON,
                PERMISSIONS,
                LOCATIONS,
                CallJson.of(catalog.hook(Hook.BINDINGS).call()),
                CallJson.of(catalog.hook(Hook.ON_INSTALL).call()),
                CallJson.of(catalog.hook(Hook.ON_UNINSTALL).call()),
                CallJson.of(catalog.hook(Hook.GET_OAUTH2_CONNECT_URL).call()),
                CallJson.of(catalog.hook(Hook.ON_OAUTH2_COMPLETE).call()),
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
