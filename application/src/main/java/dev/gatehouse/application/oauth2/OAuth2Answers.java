package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.Stored;
import java.util.Optional;

/** The answers the OAuth2 commands share, naming the command that fixes each problem. */
final class OAuth2Answers {

    private final AppId appId;

    OAuth2Answers(AppId appId) {
        this.appId = appId;
    }

    String command(String sub) {
        return appId.command(sub);
    }

    /** Why the configured client cannot be used; empty when it can. */
    Optional<CallOutcome.Failed> unusable(Stored<OAuth2ClientCredentials> client) {
        if (client instanceof Stored.Present<OAuth2ClientCredentials>) {
            return Optional.empty();
        }
        if (client instanceof Stored.Unreadable<OAuth2ClientCredentials> unreadable) {
            return Optional.of(new CallOutcome.Failed("The stored OAuth2 client cannot be read by Gatehouse ("
                    + unreadable.reason() + "): a system admin must run " + command("configure") + " again."));
        }
        return Optional.of(new CallOutcome.Failed("The OAuth2 client is not configured yet: a system admin must run "
                + command("configure") + " first."));
    }

    /** The operator has set no provider: no admin or user action can help, so say who can. */
    CallOutcome.Failed noProvider() {
        return new CallOutcome.Failed(
                "OAuth2 is not available on this Gatehouse: its operator has not configured an OAuth2 "
                        + "provider. Ask the Gatehouse operator to set one up.");
    }

    CallOutcome.Failed notConnected() {
        return new CallOutcome.Failed(
                "You are not connected to the OAuth2 provider: run " + command("connect") + " first.");
    }

    CallOutcome.Failed unreadableToken(String reason) {
        return new CallOutcome.Failed("Your stored OAuth2 token cannot be read by Gatehouse (" + reason + "): run "
                + command("connect") + " again.");
    }

    CallOutcome.Failed noUserSession(String what) {
        return new CallOutcome.Failed("Mattermost sent no acting_user_access_token: " + what
                + " must expand it, and the app needs the act_as_user permission.");
    }

    CallOutcome.Failed providerDown() {
        return new CallOutcome.Failed("The OAuth2 provider could not be reached. Try again later.");
    }

    /** The provider's RFC 6749 error code, kept short and printable: it comes from outside. */
    static String errorCode(OAuth2ProviderException e) {
        return printable(e.error().orElse("unknown_error"));
    }

    /** An error code the provider chose (in a redirect or a token response): printable and at most 64 characters. */
    static String printable(String code) {
        String safe = code.replaceAll("[^A-Za-z0-9_.:-]", "?");
        return safe.length() <= 64 ? safe : safe.substring(0, 64);
    }
}
