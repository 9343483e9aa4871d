package dev.gatehouse.application.slash;

import dev.gatehouse.domain.installation.InstallationId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URLs of the slash-command ingress under Gatehouse's public URL (CLASSIC.md §2). */
public final class GatehouseLinks {

    private final String base;

    public GatehouseLinks(String publicUrl) {
        this.base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The slash command's request URL. */
    public String command(InstallationId id) {
        return base + "/i/" + id + "/command";
    }

    /** Where Mattermost posts a dialog's submission. */
    public String dialog(InstallationId id) {
        return base + "/i/" + id + "/dialog";
    }

    /** The link {@code connect} shows: the browser starts the OAuth2 connection here. */
    public String oauth2Start(InstallationId id, String state) {
        return base + "/i/" + id + "/oauth2/start?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    /** The provider sends the browser back here ({@code redirect_uri}). */
    public String oauth2Callback(InstallationId id) {
        return base + "/i/" + id + "/oauth2/callback";
    }
}
