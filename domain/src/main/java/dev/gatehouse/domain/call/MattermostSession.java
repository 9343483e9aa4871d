package dev.gatehouse.domain.call;

import dev.gatehouse.domain.installation.SiteUrl;
import java.util.Objects;

/**
 * Who Gatehouse talks to Mattermost as, and where: the registered REST base of the installation (never a URL from
 * a call body) and a session token from the current call ({@code bot_access_token} or
 * {@code acting_user_access_token}). Sessions last minutes, so they are used for one call and never stored.
 */
public record MattermostSession(SiteUrl baseUrl, String token) {

    public MattermostSession {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a Mattermost session token is required");
        }
    }

    @Override
    public String toString() {
        return "MattermostSession[baseUrl=" + baseUrl + ", token=redacted]";
    }
}
