package dev.gatehouse.domain.oauth2;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code context.oauth2} of a call, already opened: the OAuth2 client the admin configured (expand
 * {@code oauth2_app}), the plugin's connect and complete URLs, and the acting user's stored token (expand
 * {@code oauth2_user}). The domain never sees a sealed string; the toString of credentials and tokens redacts them.
 */
public record OAuth2Context(
        Stored<OAuth2ClientCredentials> client, String connectUrl, String completeUrl, Stored<OAuth2Token> user) {

    public OAuth2Context {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(user, "user");
        connectUrl = connectUrl == null || connectUrl.isBlank() ? null : connectUrl;
        completeUrl = completeUrl == null || completeUrl.isBlank() ? null : completeUrl;
    }

    /** A call that expanded nothing of OAuth2. */
    public static OAuth2Context none() {
        return new OAuth2Context(Stored.absent(), null, null, Stored.absent());
    }

    public Optional<String> connect() {
        return Optional.ofNullable(connectUrl);
    }

    public Optional<String> complete() {
        return Optional.ofNullable(completeUrl);
    }
}
