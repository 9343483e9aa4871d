package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.Optional;

/**
 * {@code context} of a CallRequest; every field may be missing (PROTOCOL.md §3.1, §11.5). Tokens and secrets are
 * redacted in toString.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record CallContextJson(
        @JsonProperty("mattermost_site_url") @Nullable String mattermostSiteUrl,
        @JsonProperty("bot_user_id") @Nullable String botUserId,
        @JsonProperty("bot_access_token") @Nullable String botAccessToken,
        @JsonProperty("acting_user") @Nullable UserJson actingUser,
        @JsonProperty("acting_user_access_token") @Nullable String actingUserAccessToken,
        @JsonProperty("app") @Nullable AppJson app,
        @JsonProperty("oauth2") @Nullable OAuth2Json oauth2) {

    /** A Mattermost {@code model.User}; only the fields Gatehouse uses. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserJson(
            @Nullable String id,
            @Nullable String username,
            @Nullable String roles) {}

    /** {@code context.app} as expanded at {@code summary}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppJson(@JsonProperty("bot_user_id") @Nullable String botUserId) {}

    /**
     * {@code context.oauth2}: what Gatehouse stored through the plugin ({@code client_secret} and {@code user} are
     * sealed) and the plugin's connect/complete URLs. {@code user} is whatever JSON was stored.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OAuth2Json(
            @JsonProperty("client_id") @Nullable String clientId,
            @JsonProperty("client_secret") @Nullable String clientSecret,
            @JsonProperty("connect_url") @Nullable String connectUrl,
            @JsonProperty("complete_url") @Nullable String completeUrl,
            @JsonProperty("user") @Nullable Object user) {
        @Override
        public String toString() {
            return "OAuth2Json[clientId=" + clientId + ", connectUrl=" + connectUrl + ", completeUrl=" + completeUrl
                    + ", clientSecret=" + (clientSecret == null ? "absent" : "redacted")
                    + ", user=" + (user == null ? "absent" : "redacted") + "]";
        }
    }

    /**
     * Opens what Gatehouse sealed, so the domain sees credentials and tokens, never sealed text: as the values of
     * {@code installation} (the route's, whose call token the caller presented) and, for the user's token, of the
     * acting user (bound to the call token when the call is admitted). A value sealed for anyone else is unreadable.
     */
    CallContext toDomain(SealedOAuth2 sealed, InstallationId installation, Map<String, String> values) {
        ActingUser user =
                actingUser == null || actingUser.id() == null || actingUser.id().isBlank()
                        ? null
                        : new ActingUser(actingUser.id(), actingUser.username(), actingUser.roles());
        String bot = botUserId != null && !botUserId.isBlank() ? botUserId : app == null ? null : app.botUserId();
        OAuth2Context opened = oauth2 == null
                ? OAuth2Context.none()
                : new OAuth2Context(
                        sealed.openClient(
                                oauth2.clientId(), oauth2.clientSecret(), SecretOwner.clientSecret(installation)),
                        oauth2.connectUrl(),
                        oauth2.completeUrl(),
                        sealed.openToken(
                                oauth2.user(),
                                Optional.ofNullable(user).map(u -> SecretOwner.userToken(installation, u.id()))));
        return new CallContext(mattermostSiteUrl, bot, botAccessToken, user, actingUserAccessToken, opened, values);
    }

    @Override
    public String toString() {
        return "CallContextJson[mattermostSiteUrl=" + mattermostSiteUrl + ", botUserId=" + botUserId
                + ", botAccessToken=" + (botAccessToken == null ? "absent" : "redacted") + ", actingUser=" + actingUser
                + ", actingUserAccessToken=" + (actingUserAccessToken == null ? "absent" : "redacted")
                + ", app=" + app + ", oauth2=" + oauth2 + "]";
    }
}
