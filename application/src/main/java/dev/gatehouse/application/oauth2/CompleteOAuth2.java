package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code on_oauth2_complete}: the provider sent the browser back to the plugin, which checked the state and passes the
 * redirect's query as values. The code is exchanged at the token endpoint ({@code redirect_uri} = the complete URL,
 * as in the authorize request) and the token stored, sealed, where the call's ingress keeps it for this user. Nothing is stored when the
 * provider refuses.
 */
public final class CompleteOAuth2 {

    public static final String ACTION = "oauth2.complete";

    private final OAuth2Provider provider;
    private final OAuth2Stores stores;
    private final OAuth2Audit audit;
    private final OAuth2Answers answers;

    public CompleteOAuth2(OAuth2Provider provider, OAuth2Stores stores, AuditLog auditLog, Clock clock, AppId appId) {
        this.provider = provider;
        this.stores = stores;
        this.audit = new OAuth2Audit(auditLog, clock);
        this.answers = new OAuth2Answers(appId);
    }

    public CallOutcome complete(VerifiedCall call) {
        if (!provider.isConfigured()) {
            return answers.noProvider();
        }
        Optional<String> denied = call.context().value("error");
        if (denied.isPresent()) {
            // RFC 6749 §4.1.2.1: the provider redirected with an error instead of a code (e.g. access_denied)
            String code = OAuth2Answers.printable(denied.get());
            audit.record(call, ACTION, AuditOutcome.REFUSED, "provider error " + code);
            return new CallOutcome.Failed("The OAuth2 provider did not authorize the connection (" + code + ").");
        }
        Optional<String> code = call.context().value("code");
        if (code.isEmpty()) {
            return new CallOutcome.Failed(
                    "The provider sent no authorization code: run " + answers.command("connect") + " again.");
        }
        OAuth2Context oauth2 = call.context().oauth2();
        Optional<CallOutcome.Failed> unusable = answers.unusable(oauth2.client());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (oauth2.complete().isEmpty()) {
            return new CallOutcome.Failed(
                    "Mattermost sent no OAuth2 complete URL: on_oauth2_complete must expand oauth2_app.");
        }
        OAuth2ClientCredentials client = oauth2.client().present().orElseThrow();
        OAuth2Token token;
        try {
            token = provider.exchangeCode(client, code.get(), oauth2.complete().get());
        } catch (OAuth2ProviderException e) {
            if (e.unavailable()) {
                audit.record(call, ACTION, AuditOutcome.FAILED, "provider unreachable");
                return new CallOutcome.Failed(
                        "The OAuth2 provider could not be reached, so the connection was not completed. " + "Try "
                                + answers.command("connect") + " again later.");
            }
            String error = OAuth2Answers.errorCode(e);
            audit.record(call, ACTION, AuditOutcome.REFUSED, "provider error " + error);
            return new CallOutcome.Failed("The OAuth2 provider refused the authorization code (" + error + "): run "
                    + answers.command("connect") + " again.");
        }
        try {
            stores.of(call).saveUserToken(call, token);
        } catch (MattermostException | StorageUnavailableException e) {
            audit.record(call, ACTION, AuditOutcome.FAILED, "storing the token: " + e.getMessage());
            return new CallOutcome.Failed(
                    "The provider accepted, but your token could not be stored: " + e.getMessage());
        }
        audit.record(call, ACTION, AuditOutcome.SUCCEEDED, "");
        return new CallOutcome.Ok(connectedAs(token) + " Run " + answers.command("me") + " to see it.");
    }

    /** Names the provider account when the provider says who it is; the connection stands either way. */
    private String connectedAs(OAuth2Token token) {
        try {
            return "Connected as **" + provider.userProfile(token.accessToken()).username()
                    + "** at the OAuth2 provider.";
        } catch (OAuth2ProviderException e) {
            return "Your account at the OAuth2 provider is connected.";
        }
    }
}
