package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.MattermostUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/** A user as Mattermost's REST API answers it ({@code GET /api/v4/users/…}): the fields Gatehouse reads. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record MattermostUserJson(
        @Nullable String id,
        @Nullable String username,
        @Nullable String roles,
        @JsonProperty("is_bot") boolean bot) {

    /** The user, or empty when Mattermost named no id. */
    Optional<MattermostUser> toUser() {
        return id == null || id.isBlank()
                ? Optional.empty()
                : Optional.of(new MattermostUser(id, username, roles, bot));
    }
}
