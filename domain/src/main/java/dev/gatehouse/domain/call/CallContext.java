package dev.gatehouse.domain.call;

import java.util.Optional;

/**
 * What a call's {@code context} told us. Everything is optional: {@code /ping} carries a bare context and the
 * rest depends on the call's {@code expand} (PROTOCOL.md §3). Nothing here is trusted before
 * {@link Caller#admit(CallContext)} bound it to the verified token, and URLs from it are never called.
 * Tokens are Mattermost sessions: {@link #toString()} redacts them.
 */
public record CallContext(String mattermostSiteUrl, String botUserId, String botAccessToken, ActingUser actingUser,
                          String actingUserAccessToken) {

    public CallContext {
        mattermostSiteUrl = blankToNull(mattermostSiteUrl);
        botUserId = blankToNull(botUserId);
        botAccessToken = blankToNull(botAccessToken);
        actingUserAccessToken = blankToNull(actingUserAccessToken);
    }

    /** The context of {@code /ping}: nothing at all. */
    public static CallContext bare() {
        return new CallContext(null, null, null, null, null);
    }

    public Optional<String> siteUrl() {
        return Optional.ofNullable(mattermostSiteUrl);
    }

    public Optional<String> botUser() {
        return Optional.ofNullable(botUserId);
    }

    public Optional<String> botToken() {
        return Optional.ofNullable(botAccessToken);
    }

    public Optional<ActingUser> acting() {
        return Optional.ofNullable(actingUser);
    }

    public Optional<String> actingUserToken() {
        return Optional.ofNullable(actingUserAccessToken);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "CallContext[mattermostSiteUrl=" + mattermostSiteUrl + ", botUserId=" + botUserId
                + ", botAccessToken=" + (botAccessToken == null ? "absent" : "redacted")
                + ", actingUser=" + actingUser
                + ", actingUserAccessToken=" + (actingUserAccessToken == null ? "absent" : "redacted") + "]";
    }
}
