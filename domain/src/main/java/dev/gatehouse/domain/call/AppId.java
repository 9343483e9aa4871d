package dev.gatehouse.domain.call;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Mattermost app id: also the slash command ({@code /hello-jwt}) and, lower-cased, the bot's user name.
 * Mattermost accepts 3–32 characters of letters, digits, {@code . _ -} (PROTOCOL.md §1).
 */
public record AppId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{3,32}");

    public AppId {
        Objects.requireNonNull(value, "app id is required");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "app id must be 3 to 32 characters of letters, digits, '.', '_' or '-', for example hello-jwt");
        }
    }

    /** How to write a subcommand to a user, e.g. {@code `/hello-jwt connect`}. */
    public String command(String subcommand) {
        return "`/" + value + " " + subcommand + "`";
    }

    @Override
    public String toString() {
        return value;
    }
}
