package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Gatehouse keeps OAuth2 secrets inside Mattermost (the Apps plugin's {@code /oauth2/app} and {@code /oauth2/user}
 * storage, PROTOCOL.md §6.1): sealed with the master key ({@link SecretCipher}: versioned, names its key id) before
 * they leave Gatehouse, bound to their {@link SecretOwner} (the installation, and the user for a token), and opened
 * when a call brings them back in {@code context.oauth2} for the installation the call's route names and its acting
 * user. So a leaked Mattermost database holds no provider credentials, and its sealed values do not open for another
 * installation or user. The client secret is stored as its sealed text; a user token as
 * {@code {"v":1,"sealed":"gh3…"}} around the sealed JSON {@code {"access_token","refresh_token","expires_at"}}.
 * Whatever cannot be opened (another master key, another owner, altered, written by something else) comes back
 * {@link Stored.Unreadable}, never an exception; what opens but is outdated comes back {@link Stored#outdated}.
 */
@Singleton
public final class SealedOAuth2 {

    static final int TOKEN_FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SealedOAuth2.class);

    /** What is stored for a user: a version and the sealed token. */
    @Serdeable
    public record StoredTokenJson(int v, String sealed) {}

    /** The plaintext inside {@link StoredTokenJson#sealed()}; {@code expires_at} is ISO-8601. */
    @Serdeable
    record TokenJson(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") @Nullable String refreshToken,
            @JsonProperty("expires_at") @Nullable String expiresAt) {
        @Override
        public String toString() {
            return "TokenJson[redacted]";
        }
    }

    private final SecretCipher cipher;
    private final JsonMapper json;

    public SealedOAuth2(SecretCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    String sealClientSecret(OAuth2ClientCredentials client, SecretOwner owner) {
        return cipher.seal(client.clientSecret(), owner);
    }

    StoredTokenJson sealToken(OAuth2Token token, SecretOwner owner) {
        TokenJson plain = new TokenJson(
                token.accessToken(),
                token.refreshToken(),
                token.expiresAt() == null ? null : token.expiresAt().toString());
        try {
            return new StoredTokenJson(TOKEN_FORMAT, cipher.seal(json.writeValueAsString(plain), owner));
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise a token", e);
        }
    }

    /** {@code context.oauth2.client_id} and {@code client_secret} as the plugin expands them. */
    Stored<OAuth2ClientCredentials> openClient(
            @Nullable String clientId, @Nullable String sealedSecret, SecretOwner owner) {
        if (clientId == null || clientId.isBlank()) {
            return Stored.absent();
        }
        if (sealedSecret == null || sealedSecret.isBlank()) {
            return unreadable("client", "no client secret is stored");
        }
        try {
            OAuth2ClientCredentials client = new OAuth2ClientCredentials(clientId, cipher.open(sealedSecret, owner));
            return cipher.isCurrent(sealedSecret) ? Stored.of(client) : Stored.outdated(client);
        } catch (IllegalArgumentException e) { // messages of both name no secret
            return unreadable("client", e.getMessage());
        }
    }

    /**
     * {@code context.oauth2.user} (already parsed JSON, or null) as the plugin expands it; {@code owner} is empty
     * when the call names no acting user, and then a stored token cannot be opened.
     */
    Stored<OAuth2Token> openToken(@Nullable Object stored, Optional<SecretOwner> owner) {
        if (stored == null) {
            return Stored.absent();
        }
        if (!(stored instanceof Map<?, ?> map)
                || !(map.get("v") instanceof Number version)
                || version.intValue() != TOKEN_FORMAT
                || !(map.get("sealed") instanceof String sealed)) {
            return unreadable("user token", "it was not stored by Gatehouse");
        }
        if (owner.isEmpty()) {
            return unreadable("user token", "Mattermost did not say whose it is (no acting user)");
        }
        try {
            TokenJson plain = json.readValue(cipher.open(sealed, owner.get()), TokenJson.class);
            Instant expiresAt = plain.expiresAt() == null ? null : Instant.parse(plain.expiresAt());
            OAuth2Token token = new OAuth2Token(plain.accessToken(), plain.refreshToken(), expiresAt);
            return cipher.isCurrent(sealed) ? Stored.of(token) : Stored.outdated(token);
        } catch (IllegalArgumentException e) {
            return unreadable("user token", e.getMessage());
        } catch (IOException | DateTimeParseException e) {
            return unreadable("user token", "its sealed content is not a token");
        }
    }

    /** The body of {@code GET /oauth2/user}: the stored JSON, or empty when nothing is stored. */
    Stored<OAuth2Token> openStoredJson(@Nullable String storedJson, SecretOwner owner) {
        if (storedJson == null || storedJson.isBlank()) {
            return Stored.absent();
        }
        try {
            return openToken(json.readValue(storedJson, Object.class), Optional.of(owner));
        } catch (IOException e) {
            return unreadable("user token", "it is not JSON");
        }
    }

    private static <T> Stored<T> unreadable(String what, String reason) {
        LOG.warn("a stored OAuth2 {} cannot be opened: {}", what, reason);
        return Stored.unreadable(reason);
    }
}
