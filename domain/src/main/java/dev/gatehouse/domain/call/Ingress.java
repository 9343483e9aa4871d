package dev.gatehouse.domain.call;

import java.util.Locale;

/**
 * How a Mattermost server reached Gatehouse. Both serve the same installations and run the same use cases; they differ
 * in how a request is authenticated and answered, and in where the app's bot session and users' OAuth2 tokens come
 * from (CLASSIC.md §4).
 */
public enum Ingress {
    /** The Apps framework: JWT-signed calls, the plugin's OAuth2 storage, the call's bot session. */
    APPS,
    /** Custom slash commands, a bot account and dialogs, for servers without the Apps framework. */
    SLASH_COMMAND;

    /** Stable lower-case code for metrics and the audit log. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
