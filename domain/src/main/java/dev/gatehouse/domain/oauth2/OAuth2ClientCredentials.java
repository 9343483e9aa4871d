package dev.gatehouse.domain.oauth2;

import java.util.Objects;

/** The app's client at the third-party provider, as a Mattermost admin configured it for one installation. */
public record OAuth2ClientCredentials(String clientId, String clientSecret) {

    public OAuth2ClientCredentials {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client_id is required");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("client_secret is required");
        }
        if (clientId.length() > 512 || clientSecret.length() > 2048) {
            throw new IllegalArgumentException("client_id or client_secret is too long");
        }
        clientId = clientId.strip();
        clientSecret = Objects.requireNonNull(clientSecret).strip();
    }

    @Override
    public String toString() {
        return "OAuth2ClientCredentials[clientId=" + clientId + ", clientSecret=redacted]";
    }
}
