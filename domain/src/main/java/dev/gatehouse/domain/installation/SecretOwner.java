package dev.gatehouse.domain.installation;

import java.util.Objects;
import java.util.Optional;

/**
 * What a sealed value belongs to: an installation, the Mattermost user for a user's token, and what the value is.
 * The cipher binds it to the ciphertext, so a value copied to another installation, user or purpose does not open.
 */
public record SecretOwner(InstallationId installation, Optional<String> userId, Purpose purpose) {

    /** Every kind of sealed value Gatehouse keeps. */
    public enum Purpose {
        /** The installation's call-token secret (current or previous), in Gatehouse's database. */
        INSTALLATION_SECRET,
        /** The bot's access token of the slash-command ingress, in Gatehouse's database. */
        BOT_TOKEN,
        /** The OAuth2 client secret: in the Apps plugin's storage, or Gatehouse's database. */
        CLIENT_SECRET,
        /** A Mattermost user's token at the OAuth2 provider: in the Apps plugin's storage, or Gatehouse's database. */
        USER_TOKEN
    }

    public SecretOwner {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        if (userId.isPresent() && userId.get().isBlank()) {
            throw new IllegalArgumentException("a secret owner's user id must not be blank");
        }
        if ((purpose == Purpose.USER_TOKEN) != userId.isPresent()) {
            throw new IllegalArgumentException(
                    "a user token belongs to a user, and only a user token does (purpose " + purpose + ")");
        }
    }

    public static SecretOwner installationSecret(InstallationId installation) {
        return new SecretOwner(installation, Optional.empty(), Purpose.INSTALLATION_SECRET);
    }

    public static SecretOwner botToken(InstallationId installation) {
        return new SecretOwner(installation, Optional.empty(), Purpose.BOT_TOKEN);
    }

    public static SecretOwner clientSecret(InstallationId installation) {
        return new SecretOwner(installation, Optional.empty(), Purpose.CLIENT_SECRET);
    }

    public static SecretOwner userToken(InstallationId installation, String userId) {
        Objects.requireNonNull(userId, "a user token needs its user id");
        return new SecretOwner(installation, Optional.of(userId), Purpose.USER_TOKEN);
    }
}
