package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /<app> configure}: a system admin sets the installation's OAuth2 client, stored where the call's ingress
 * keeps it (the Apps plugin's {@code /oauth2/app}, which also insists on a system admin's session, or Gatehouse's
 * database); the secret is sealed on the way.
 */
public final class ConfigureOAuth2Client {

    public static final String ACTION = "oauth2.configure";
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";

    private final OAuth2Provider provider;
    private final OAuth2Stores stores;
    private final OAuth2Audit audit;
    private final OAuth2Answers answers;

    public ConfigureOAuth2Client(
            OAuth2Provider provider, OAuth2Stores stores, AuditLog auditLog, Clock clock, AppId appId) {
        this.provider = provider;
        this.stores = stores;
        this.audit = new OAuth2Audit(auditLog, clock);
        this.answers = new OAuth2Answers(appId);
    }

    public CallOutcome configure(VerifiedCall call) {
        if (!provider.isConfigured()) {
            audit.record(call, ACTION, AuditOutcome.REFUSED, "no provider configured by the operator");
            return answers.noProvider();
        }
        if (!call.actingUserIsSystemAdmin()) {
            audit.record(call, ACTION, AuditOutcome.REFUSED, "not a system admin");
            return new CallOutcome.Failed("Only a Mattermost system admin can configure the OAuth2 client.");
        }
        Optional<String> clientId = call.context().value(CLIENT_ID);
        Optional<String> clientSecret = call.context().value(CLIENT_SECRET);
        Map<String, String> missing = new LinkedHashMap<>();
        clientId.ifPresentOrElse(v -> {}, () -> missing.put(CLIENT_ID, "the client ID is required"));
        clientSecret.ifPresentOrElse(v -> {}, () -> missing.put(CLIENT_SECRET, "the client secret is required"));
        if (!missing.isEmpty()) {
            return new CallOutcome.Failed("Missing " + String.join(" and ", missing.keySet()) + ".", missing);
        }
        OAuth2ClientCredentials client;
        try {
            client = new OAuth2ClientCredentials(clientId.get(), clientSecret.get());
        } catch (IllegalArgumentException e) {
            return new CallOutcome.Failed(e.getMessage() + ".");
        }
        String detail = "client_id=" + client.clientId();
        try {
            stores.of(call).saveClient(call, client);
        } catch (MattermostException | StorageUnavailableException e) {
            audit.record(call, ACTION, AuditOutcome.FAILED, detail + "; " + e.getMessage());
            return new CallOutcome.Failed("Could not store the OAuth2 client: " + e.getMessage());
        }
        audit.record(call, ACTION, AuditOutcome.SUCCEEDED, detail);
        return new CallOutcome.Ok(
                "The OAuth2 client **" + client.clientId() + "** is configured for this Mattermost server. "
                        + "Users can now run " + answers.command("connect") + ".");
    }
}
