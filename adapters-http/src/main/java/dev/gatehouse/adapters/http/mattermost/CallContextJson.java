package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code context} of a CallRequest; every field may be missing (PROTOCOL.md §3.1, §11.5). Tokens are redacted in toString. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record CallContextJson(
        @JsonProperty("mattermost_site_url") @Nullable String mattermostSiteUrl,
        @JsonProperty("bot_user_id") @Nullable String botUserId,
        @JsonProperty("bot_access_token") @Nullable String botAccessToken,
        @JsonProperty("acting_user") @Nullable UserJson actingUser,
        @JsonProperty("acting_user_access_token") @Nullable String actingUserAccessToken,
        @JsonProperty("app") @Nullable AppJson app) {

    /** A Mattermost {@code model.User}; only the fields Gatehouse uses. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserJson(@Nullable String id, @Nullable String username, @Nullable String roles) {
    }

    /** {@code context.app} as expanded at {@code summary}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppJson(@JsonProperty("bot_user_id") @Nullable String botUserId) {
    }

    CallContext toDomain() {
        ActingUser user = actingUser == null || actingUser.id() == null || actingUser.id().isBlank()
                ? null
                : new ActingUser(actingUser.id(), actingUser.username(), actingUser.roles());
        String bot = botUserId != null && !botUserId.isBlank() ? botUserId : app == null ? null : app.botUserId();
        return new CallContext(mattermostSiteUrl, bot, botAccessToken, user, actingUserAccessToken);
    }

    @Override
    public String toString() {
        return toDomain().toString();
    }
}
