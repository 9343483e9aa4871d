package dev.gatehouse.domain.call;

import dev.gatehouse.domain.oauth2.OAuth2Context;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a call's {@code context} told us. Everything is optional: {@code /ping} carries a bare context and the
 * rest depends on the call's {@code expand} (PROTOCOL.md §3). Nothing here is trusted before
 * {@link Caller#admit(CallContext)} bound it to the verified token, and URLs from it are never called.
 * Tokens are Mattermost sessions: {@link #toString()} redacts them. {@code values} are the call's string inputs
 * (form fields, the OAuth2 {@code state} and {@code code}); they may hold a client secret, so toString names only
 * their keys.
 */
public record CallContext(
        String mattermostSiteUrl,
        String botUserId,
        String botAccessToken,
        ActingUser actingUser,
        String actingUserAccessToken,
        OAuth2Context oauth2,
        Map<String, String> values) {

    public CallContext {
        mattermostSiteUrl = blankToNull(mattermostSiteUrl);
        botUserId = blankToNull(botUserId);
        botAccessToken = blankToNull(botAccessToken);
        actingUserAccessToken = blankToNull(actingUserAccessToken);
        oauth2 = oauth2 == null ? OAuth2Context.none() : oauth2;
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** A context without OAuth2 parts or values. */
    public CallContext(
            String mattermostSiteUrl,
            String botUserId,
            String botAccessToken,
            ActingUser actingUser,
            String actingUserAccessToken) {
        this(mattermostSiteUrl, botUserId, botAccessToken, actingUser, actingUserAccessToken, null, null);
    }

    /** The context of {@code /ping}: nothing at all. */
    public static CallContext bare() {
        return new CallContext(null, null, null, null, null);
    }

    /** A value of the call, stripped; empty when missing or blank. */
    public Optional<String> value(String name) {
        Objects.requireNonNull(name, "name");
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
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
                + ", actingUserAccessToken=" + (actingUserAccessToken == null ? "absent" : "redacted")
                + ", oauth2=" + oauth2 + ", values=" + new TreeSet<>(values.keySet()) + "]";
    }
}
