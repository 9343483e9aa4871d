package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Mattermost REST API (PROTOCOL.md §6, CLASSIC.md §1) over micronaut-http-client, one request at a time through
 * {@link MattermostRest}: blocking, to the session's base URL — the installation's registered URL — with the session
 * token as bearer; failures are a {@link MattermostException} carrying Mattermost's status and error id, counted, and
 * never naming a token. OAuth2 secrets go to the Apps plugin's storage sealed ({@link SealedOAuth2}), never in the
 * clear.
 */
@Singleton
public final class HttpMattermost implements Mattermost {

    /** The Apps plugin's REST API (PROTOCOL.md §6). */
    static final String PLUGIN_API = "/plugins/com.mattermost.apps/api/v1";
    /** JSON {@code null}: what clears a user's OAuth2 storage. */
    private static final String JSON_NULL = "null";

    private final MattermostRest rest;
    private final SealedOAuth2 sealed;

    HttpMattermost(MattermostRest rest, SealedOAuth2 sealed) {
        this.rest = rest;
        this.sealed = sealed;
    }

    /** Body of {@code /oauth2/app}; the secret is already sealed. */
    @Serdeable
    record OAuth2AppJson(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret) {}

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChannelJson(@Nullable String id) {}

    @Serdeable
    record PostJson(@JsonProperty("channel_id") String channelId, String message) {}

    /** {@code POST /api/v4/actions/dialogs/open}: the trigger id and the state authenticate the dialog, so not printed. */
    @Serdeable
    record OpenDialogJson(@JsonProperty("trigger_id") String triggerId, String url, DialogJson dialog) {
        static OpenDialogJson of(Dialog dialog) {
            return new OpenDialogJson(
                    dialog.triggerId(),
                    dialog.url(),
                    new DialogJson(
                            dialog.callbackId(),
                            dialog.title(),
                            dialog.elements().stream().map(ElementJson::of).toList(),
                            dialog.submitLabel(),
                            true,
                            dialog.state()));
        }

        @Override
        public String toString() {
            return "OpenDialogJson[url=" + url + ", dialog=" + dialog + ", triggerId=redacted]";
        }
    }

    @Serdeable
    record DialogJson(
            @JsonProperty("callback_id") String callbackId,
            String title,
            List<ElementJson> elements,
            @JsonProperty("submit_label") @Nullable String submitLabel,
            // without it Mattermost sends nothing when the user cancels (model/integration_action.go)
            @JsonProperty("notify_on_cancel") boolean notifyOnCancel,
            String state) {
        @Override
        public String toString() {
            return "DialogJson[callbackId=" + callbackId + ", title=" + title + ", elements=" + elements
                    + ", state=redacted]";
        }
    }

    /** A text element; a secret one is a password field ({@code subtype}), which Mattermost masks. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ElementJson(
            @JsonProperty("display_name") String displayName,
            String name,
            String type,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String subtype,

            boolean optional,

            @JsonProperty("help_text") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String helpText) {
        static ElementJson of(Dialog.Element element) {
            return new ElementJson(
                    element.displayName(),
                    element.name(),
                    "text",
                    element.secret() ? "password" : null,
                    element.optional(),
                    element.helpText());
        }
    }

    @Override
    public void sendDirectMessage(MattermostSession asBot, String botUserId, String userId, String message) {
        ChannelJson channel = rest.read(
                "create_direct_channel",
                "opening the direct channel",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/channels/direct"), List.of(botUserId, userId)),
                asBot,
                Argument.of(ChannelJson.class));
        if (channel.id() == null || channel.id().isBlank()) {
            throw rest.invalidAnswer("create_direct_channel", "opening the direct channel");
        }
        rest.send(
                "create_post",
                "posting the message",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/posts"), new PostJson(channel.id(), message)),
                asBot);
    }

    @Override
    public MattermostUser user(MattermostSession session, String userId) {
        String doing = "reading a user";
        return rest.read(
                        "get_user",
                        doing,
                        HttpRequest.GET(session.baseUrl().resolve("/api/v4/users/" + MattermostRest.segment(userId))),
                        session,
                        Argument.of(MattermostUserJson.class))
                .toUser()
                .orElseThrow(() -> rest.invalidAnswer("get_user", doing));
    }

    @Override
    public void openDialog(MattermostSession asBot, Dialog dialog) {
        rest.send(
                "open_dialog",
                "opening the dialog",
                HttpRequest.POST(asBot.baseUrl().resolve("/api/v4/actions/dialogs/open"), OpenDialogJson.of(dialog)),
                asBot);
    }

    @Override
    public void storeOAuth2App(MattermostSession asAdmin, SecretOwner owner, OAuth2ClientCredentials credentials) {
        OAuth2AppJson body = new OAuth2AppJson(credentials.clientId(), sealed.sealClientSecret(credentials, owner));
        rest.send(
                "store_oauth2_app",
                "storing the OAuth2 client",
                HttpRequest.POST(asAdmin.baseUrl().resolve(PLUGIN_API + "/oauth2/app"), body),
                asAdmin);
    }

    @Override
    public void storeOAuth2User(MattermostSession asUser, SecretOwner owner, OAuth2Token token) {
        rest.send(
                "store_oauth2_user",
                "storing your OAuth2 token",
                HttpRequest.POST(asUser.baseUrl().resolve(PLUGIN_API + "/oauth2/user"), sealed.sealToken(token, owner)),
                asUser);
    }

    @Override
    public void clearOAuth2User(MattermostSession asUser) {
        rest.send(
                "store_oauth2_user",
                "forgetting your OAuth2 token",
                HttpRequest.POST(asUser.baseUrl().resolve(PLUGIN_API + "/oauth2/user"), JSON_NULL),
                asUser);
    }

    @Override
    public Stored<OAuth2Token> loadOAuth2User(MattermostSession asUser, SecretOwner owner) {
        HttpResponse<String> stored = rest.exchange(
                "load_oauth2_user",
                "reading your OAuth2 token",
                HttpRequest.GET(asUser.baseUrl().resolve(PLUGIN_API + "/oauth2/user")),
                asUser,
                Argument.STRING);
        return sealed.openStoredJson(stored.getBody().orElse(null), owner);
    }
}
