package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.port.OAuth2Provider;
import java.util.Optional;

/**
 * {@code get_oauth2_connect_url}: the provider's authorize URL for the plugin to redirect the browser to, with the
 * plugin's {@code state} verbatim and {@code redirect_uri} = the plugin's complete URL (PROTOCOL.md §6.1, §11.10).
 * The answer's {@code data} must be that URL as a string.
 */
public final class StartOAuth2 {

    public static final String STATE = "state";

    private final OAuth2Provider provider;
    private final OAuth2Answers answers;

    public StartOAuth2(OAuth2Provider provider, AppId appId) {
        this.provider = provider;
        this.answers = new OAuth2Answers(appId);
    }

    public CallOutcome start(VerifiedCall call) {
        if (!provider.isConfigured()) {
            return answers.noProvider();
        }
        // verbatim: the plugin checks it byte for byte when the provider sends the browser back
        String state = call.context().values().get(STATE);
        if (state == null || state.isBlank()) {
            return new CallOutcome.Failed(
                    "Mattermost sent no OAuth2 state: open the link of " + answers.command("connect") + " again.");
        }
        OAuth2Context oauth2 = call.context().oauth2();
        Optional<CallOutcome.Failed> unusable = answers.unusable(oauth2.client());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (oauth2.complete().isEmpty()) {
            return new CallOutcome.Failed(
                    "Mattermost sent no OAuth2 complete URL: get_oauth2_connect_url must expand oauth2_app.");
        }
        OAuth2ClientCredentials client = oauth2.client().present().orElseThrow();
        try {
            return new CallOutcome.OkData(
                    provider.authorizeUrl(client.clientId(), oauth2.complete().get(), state));
        } catch (OAuth2ProviderException e) {
            return new CallOutcome.Failed("Cannot start the OAuth2 connection: " + e.getMessage() + ".");
        }
    }
}
