package dev.gatehouse.application.oauth2;

import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.port.OAuth2Provider;
import java.util.Optional;

/**
 * {@code /<app> connect}: shows the plugin's connect URL. The browser opening it makes Mattermost ask the app for the
 * provider URL ({@link StartOAuth2}); Gatehouse never builds the state itself.
 */
public final class ShowConnectLink {

    private final OAuth2Provider provider;
    private final OAuth2Answers answers;

    public ShowConnectLink(OAuth2Provider provider, AppId appId) {
        this.provider = provider;
        this.answers = new OAuth2Answers(appId);
    }

    public CallOutcome show(VerifiedCall call) {
        if (!provider.isConfigured()) {
            return answers.noProvider();
        }
        OAuth2Context oauth2 = call.context().oauth2();
        Optional<CallOutcome.Failed> unusable = answers.unusable(oauth2.client());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (oauth2.connect().isEmpty()) {
            return new CallOutcome.Failed(
                    "Mattermost sent no connect URL: the connect command must expand oauth2_app.");
        }
        String again =
                oauth2.user().present().isPresent() ? " You are connected already; connecting again replaces it." : "";
        return new CallOutcome.Ok("[Connect your account at the OAuth2 provider]("
                + oauth2.connect().get() + ")." + again);
    }
}
