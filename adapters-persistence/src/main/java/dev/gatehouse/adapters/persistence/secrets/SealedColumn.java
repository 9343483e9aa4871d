package dev.gatehouse.adapters.persistence.secrets;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SecretOwner;
import java.util.UUID;

/**
 * Every column of Gatehouse's database that holds a sealed value, with the owner a row's value is sealed for: the
 * one list {@link JdbcSealedValues} re-seals and counts. A table with a {@code userColumn} keys its rows by
 * installation and user, the others by installation alone.
 */
public enum SealedColumn {
    INSTALLATION_SECRET("installation", "secret", "id", null),
    PREVIOUS_INSTALLATION_SECRET("installation", "previous_secret", "id", null),
    BOT_TOKEN("installation_bot", "token", "installation_id", null),
    OAUTH2_CLIENT_SECRET("oauth2_client", "client_secret", "installation_id", null),
    OAUTH2_USER_TOKEN("oauth2_user_token", "token", "installation_id", "user_id");

    final String table;
    final String column;
    final String installationColumn;
    final String userColumn;

    SealedColumn(String table, String column, String installationColumn, String userColumn) {
        this.table = table;
        this.column = column;
        this.installationColumn = installationColumn;
        this.userColumn = userColumn;
    }

    /** What the value in the row of {@code installation} (and {@code userId}, for a user's token) is sealed for. */
    public SecretOwner owner(UUID installation, String userId) {
        InstallationId id = new InstallationId(installation);
        return switch (this) {
            case INSTALLATION_SECRET, PREVIOUS_INSTALLATION_SECRET -> SecretOwner.installationSecret(id);
            case BOT_TOKEN -> SecretOwner.botToken(id);
            case OAUTH2_CLIENT_SECRET -> SecretOwner.clientSecret(id);
            case OAUTH2_USER_TOKEN -> SecretOwner.userToken(id, userId);
        };
    }
}
