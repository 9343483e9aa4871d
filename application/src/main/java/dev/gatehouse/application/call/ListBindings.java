package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.AppCall;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.Binding;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Form;
import dev.gatehouse.domain.call.FormField;
import dev.gatehouse.domain.call.VerifiedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The slash command {@code /<app id>} and its sub-commands. {@code configure} sets the OAuth2 client of the whole
 * Mattermost server, so it is offered only to system admins (Mattermost itself also requires one to store it).
 */
public final class ListBindings {

    public static final String ICON = "icon.png";

    private static final AppCall SEND = AppCall.to("/send", Map.of("acting_user", "id"));
    private static final AppCall INFO = AppCall.to("/info", Map.of("acting_user", "summary"));
    private static final AppCall CONNECT =
            AppCall.to("/connect", Map.of("acting_user", "id", "oauth2_app", "all", "oauth2_user", "all"));
    private static final AppCall DISCONNECT =
            AppCall.to("/disconnect", Map.of("acting_user", "id", "acting_user_access_token", "all"));
    /** The client ({@code oauth2_app}) is needed to renew an expired token. */
    private static final AppCall ME = AppCall.to(
            "/me",
            Map.of(
                    "acting_user",
                    "summary",
                    "acting_user_access_token",
                    "all",
                    "oauth2_app",
                    "all",
                    "oauth2_user",
                    "all"));

    private static final AppCall CONFIGURE =
            AppCall.to("/configure", Map.of("acting_user", "summary", "acting_user_access_token", "all"));

    private final AppId appId;
    /** The same for every call of a kind of user, so built once: this is the most frequent call Mattermost makes. */
    private final CallOutcome.Bindings forUsers;

    private final CallOutcome.Bindings forAdmins;

    public ListBindings(AppId appId) {
        this.appId = appId;
        this.forUsers = build(false);
        this.forAdmins = build(true);
    }

    public CallOutcome.Bindings list(VerifiedCall call) {
        return call.actingUserIsSystemAdmin() ? forAdmins : forUsers;
    }

    private CallOutcome.Bindings build(boolean systemAdmin) {
        List<Binding> commands = new ArrayList<>(List.of(
                Binding.command("send", "The bot sends you a direct message", SEND),
                Binding.command("info", "Which installation and app version answer you", INFO),
                Binding.command("connect", "Connect your account at the OAuth2 provider", CONNECT),
                Binding.command("disconnect", "Forget your OAuth2 provider account", DISCONNECT),
                Binding.command("me", "Show your profile at the OAuth2 provider", ME)));
        if (systemAdmin) {
            commands.add(Binding.command(
                    "configure",
                    "Set the OAuth2 client for this Mattermost server",
                    new Form(
                            "Configure " + appId,
                            ICON,
                            CONFIGURE,
                            List.of(
                                    FormField.text("client_id", "client-id", "OAuth2 client ID", 1),
                                    FormField.password("client_secret", "client-secret", "OAuth2 client secret", 2)))));
        }
        String hint =
                "[" + String.join(" | ", commands.stream().map(Binding::label).toList()) + "]";
        Binding root =
                new Binding(appId.value(), appId.value(), ICON, hint, "Gatehouse: " + appId, null, null, commands);
        return new CallOutcome.Bindings(List.of(Binding.location("/command", List.of(root))));
    }
}
