package dev.gatehouse.adapters.persistence.oauth2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.adapters.persistence.secrets.JdbcSealedValues;
import dev.gatehouse.adapters.persistence.secrets.SealedColumn;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slash-command ingress's OAuth2 storage (CLASSIC.md §2): an installation's client and each Mattermost user's
 * provider token, in Gatehouse's database. The client secret and the token are sealed with the master key and bound
 * to their row's owner ({@link SecretOwner}: the installation, the user, the purpose), so a value copied to another
 * installation's or user's row does not open: like one that was altered or sealed with a key this Gatehouse lacks, it
 * comes back {@link Stored.Unreadable}, never as an exception or as absent. One in an older format or under a previous
 * key is re-sealed when read. Each method is one statement (and a re-seal), joining the caller's transaction when there
 * is one. Nothing is kept for an installation that no longer exists.
 */
@Singleton
public final class JdbcOAuth2Store implements OAuth2Store {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOAuth2Store.class);

    /** The plaintext inside a sealed user token, as the Apps ingress seals it too; {@code expires_at} is ISO-8601. */
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

    private final OAuth2ClientRows clients;
    private final OAuth2UserTokenRows tokens;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final JdbcSealedValues sealedValues;

    public JdbcOAuth2Store(
            OAuth2ClientRows clients,
            OAuth2UserTokenRows tokens,
            SecretCipher cipher,
            JsonMapper json,
            JdbcSealedValues sealedValues) {
        this.clients = clients;
        this.tokens = tokens;
        this.cipher = cipher;
        this.json = json;
        this.sealedValues = sealedValues;
    }

    @Override
    public Stored<OAuth2ClientCredentials> loadClient(VerifiedCall call) {
        InstallationId installation = call.installation().id();
        Optional<OAuth2ClientRow> row = guarded("load the OAuth2 client", () -> clients.findById(installation.value()));
        if (row.isEmpty()) {
            return Stored.absent();
        }
        try {
            SecretOwner owner = SecretOwner.clientSecret(installation);
            String secret = cipher.open(row.get().clientSecret(), owner);
            sealedValues.resealQuietly(
                    SealedColumn.OAUTH2_CLIENT_SECRET, owner, row.get().clientSecret(), secret);
            return Stored.of(new OAuth2ClientCredentials(row.get().clientId(), secret));
        } catch (IllegalArgumentException e) { // the cipher's and the record's messages name no secret
            return unreadable(installation, "client", e.getMessage());
        }
    }

    @Override
    public void saveClient(VerifiedCall call, OAuth2ClientCredentials client) {
        InstallationId installation = call.installation().id();
        String sealed = cipher.seal(client.clientSecret(), SecretOwner.clientSecret(installation));
        guarded("save the OAuth2 client", () -> {
            clients.upsert(installation.value(), client.clientId(), sealed);
            return null;
        });
    }

    @Override
    public Stored<OAuth2Token> loadUserToken(VerifiedCall call) {
        InstallationId installation = call.installation().id();
        String user = userId(call);
        Optional<OAuth2UserTokenRow> row = guarded(
                "load a user's OAuth2 token", () -> tokens.findByInstallationIdAndUserId(installation.value(), user));
        if (row.isEmpty()) {
            return Stored.absent();
        }
        SecretOwner owner = SecretOwner.userToken(installation, user);
        String plain;
        try {
            plain = cipher.open(row.get().token(), owner);
        } catch (IllegalArgumentException e) {
            return unreadable(installation, "user token", e.getMessage());
        }
        sealedValues.resealQuietly(
                SealedColumn.OAUTH2_USER_TOKEN, owner, row.get().token(), plain);
        try {
            TokenJson token = json.readValue(plain, TokenJson.class);
            Instant expiresAt = token.expiresAt() == null ? null : Instant.parse(token.expiresAt());
            return Stored.of(new OAuth2Token(token.accessToken(), token.refreshToken(), expiresAt));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return unreadable(installation, "user token", "its sealed content is not a token");
        }
    }

    @Override
    public void saveUserToken(VerifiedCall call, OAuth2Token token) {
        InstallationId installation = call.installation().id();
        String user = userId(call);
        TokenJson plain = new TokenJson(
                token.accessToken(),
                token.refreshToken(),
                token.expiresAt() == null ? null : token.expiresAt().toString());
        String sealed;
        try {
            sealed = cipher.seal(json.writeValueAsString(plain), SecretOwner.userToken(installation, user));
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise a token", e);
        }
        guarded("save a user's OAuth2 token", () -> {
            tokens.upsert(installation.value(), user, sealed);
            return null;
        });
    }

    @Override
    public void clearUserToken(VerifiedCall call) {
        InstallationId installation = call.installation().id();
        String user = userId(call);
        guarded(
                "clear a user's OAuth2 token",
                () -> tokens.deleteByInstallationIdAndUserId(installation.value(), user));
    }

    private static String userId(VerifiedCall call) {
        return call.actingUser()
                .map(ActingUser::id)
                .orElseThrow(() -> new IllegalArgumentException("a user's token needs the acting user"));
    }

    private static <T> T guarded(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, operation);
        }
    }

    private static <T> Stored<T> unreadable(InstallationId installation, String what, String reason) {
        LOG.warn("a stored OAuth2 {} of installation {} cannot be opened: {}", what, installation, reason);
        return Stored.unreadable(reason);
    }
}
