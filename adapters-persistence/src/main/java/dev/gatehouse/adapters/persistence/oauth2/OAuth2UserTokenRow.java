package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * One row of {@code oauth2_user_token} as it is read, keyed by installation and Mattermost user id: the token is
 * sealed JSON, bound to both.
 */
@MappedEntity("oauth2_user_token")
public record OAuth2UserTokenRow(UUID installationId, String userId, String token) {

    @Override
    public String toString() {
        return "OAuth2UserTokenRow[installationId=" + installationId + ", userId=" + userId + "]";
    }
}
