package dev.gatehouse.domain.call;

import java.util.Locale;

/**
 * Why a call from Mattermost was refused. The text is shown to the Mattermost user or admin, so it says what is
 * wrong without echoing anything the caller sent.
 */
public enum RejectionReason {
    INSTALLATION_UNKNOWN("unknown installation: check the manifest URL the app was installed from"),
    INSTALLATION_DISABLED("this installation is disabled by the Gatehouse operator"),
    TOKEN_MISSING("missing Mattermost-App-Authorization header: install the app with use_jwt"),
    TOKEN_NOT_BEARER("Mattermost-App-Authorization must be 'Bearer <jwt>'"),
    TOKEN_MALFORMED("the call token is not a well-formed JWT"),
    TOKEN_ALGORITHM("the call token must be signed with HS256"),
    TOKEN_SIGNATURE("the call token is not signed with this installation's secret: check the Outgoing JWT Secret"),
    TOKEN_NO_EXPIRY("the call token has no exp claim"),
    TOKEN_EXPIRED("the call token has expired: check the clocks of Mattermost and Gatehouse"),
    TOKEN_EXPIRY_TOO_FAR("the call token expires too far in the future: check the clocks of Mattermost and Gatehouse"),
    TOKEN_NOT_YET_VALID("the call token is not valid yet: check the clocks of Mattermost and Gatehouse"),
    ACTING_USER_MISMATCH("the acting user in the call does not match the call token"),
    SITE_URL_MISMATCH("the call comes from a Mattermost site URL other than the one registered for this installation"),
    BODY_MALFORMED("the call body is not a valid call request"),
    BODY_TOO_LARGE("the call body is too large"),
    COMMAND_TOKEN_MISSING("the slash command sent no token: its request must come from Mattermost"),
    COMMAND_TOKEN_UNKNOWN(
            "this slash command's token is not registered with Gatehouse: ask its operator to provision the server"
                    + " again or to adopt the command's token"),
    COMMAND_TEAM_MISMATCH("this slash command's token belongs to another team"),
    COMMAND_TOKENS_DIFFER("the Authorization header and the token field carry different tokens"),
    STATE_MISSING("the request carries no state"),
    STATE_INVALID("this link or dialog was not made by Gatehouse for this installation"),
    STATE_EXPIRED("this link or dialog has expired: run the command again"),
    STATE_WRONG_PURPOSE("this link or dialog was made for something else"),
    STATE_WRONG_USER("this link or dialog was made for another user"),
    STATE_USED("this link has been used already: run the command again"),
    RATE_LIMITED("too many requests from this Mattermost server right now: try again in a moment");

    private final String text;

    RejectionReason(String text) {
        this.text = text;
    }

    /** Human-readable reason, safe to show and log. */
    public String text() {
        return text;
    }

    /**
     * True when the refusal was decided before any credential (call token, command token, signed state) was found
     * valid: anyone who knows an installation id can cause it, as often as they like, so the audit log counts these
     * per installation, reason and minute instead of keeping each. The others come after a valid credential (a
     * disabled installation, a body that does not match its token, a state used twice) and are kept one by one.
     */
    public boolean withoutValidCredential() {
        return switch (this) {
            case TOKEN_MISSING,
                    TOKEN_NOT_BEARER,
                    TOKEN_MALFORMED,
                    TOKEN_ALGORITHM,
                    TOKEN_SIGNATURE,
                    TOKEN_NO_EXPIRY,
                    TOKEN_EXPIRED,
                    TOKEN_EXPIRY_TOO_FAR,
                    TOKEN_NOT_YET_VALID,
                    COMMAND_TOKEN_MISSING,
                    COMMAND_TOKEN_UNKNOWN,
                    COMMAND_TOKENS_DIFFER,
                    STATE_MISSING,
                    STATE_INVALID,
                    STATE_EXPIRED -> true;
            case INSTALLATION_UNKNOWN,
                    INSTALLATION_DISABLED,
                    ACTING_USER_MISMATCH,
                    SITE_URL_MISMATCH,
                    BODY_MALFORMED,
                    BODY_TOO_LARGE,
                    COMMAND_TEAM_MISMATCH,
                    STATE_WRONG_PURPOSE,
                    STATE_WRONG_USER,
                    STATE_USED,
                    RATE_LIMITED -> false;
        };
    }

    /** Stable lower-case code for metrics and the audit log, e.g. {@code token_expired}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
