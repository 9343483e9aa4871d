package dev.gatehouse.application.slash;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.SignedStates;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the call a use case sees from a request of the slash-command ingress. Where the Apps framework expands what a
 * call asks for from Mattermost, this ingress expands the same keys from Gatehouse's own storage (CLASSIC.md §4): the
 * bot session from the installation's bot account, {@code oauth2_app} as the stored client with Gatehouse's own
 * connect link and callback URL, {@code oauth2_user} as the user's stored token.
 */
public final class SlashCalls {

    private final Mattermost mattermost;
    private final OAuth2Store store;
    private final SignedStates states;
    private final GatehouseLinks links;
    private final Clock clock;

    public SlashCalls(
            Mattermost mattermost, OAuth2Store store, SignedStates states, GatehouseLinks links, Clock clock) {
        this.mattermost = mattermost;
        this.store = store;
        this.states = states;
        this.links = links;
        this.clock = clock;
    }

    /** @param expand what the subcommand or hook asks for (the catalog's expand) */
    VerifiedCall call(
            Installation installation, ActingUser user, Map<String, String> expand, Map<String, String> values) {
        Optional<BotAccount> bot = installation.bot();
        String botUserId = bot.map(BotAccount::userId).orElse(null);
        String botToken = bot.map(b -> b.token().value()).orElse(null);
        VerifiedCall bare = new VerifiedCall(
                installation,
                Ingress.SLASH_COMMAND,
                new CallContext(null, botUserId, botToken, user, null, null, values));
        boolean app = expand.containsKey("oauth2_app");
        boolean userToken = expand.containsKey("oauth2_user");
        if (!app && !userToken) {
            return bare;
        }
        Stored<OAuth2ClientCredentials> client = app ? store.loadClient(bare) : Stored.absent();
        String connect = app
                ? links.oauth2Start(
                        installation.id(),
                        states.issue(installation.id(), user.id(), SignedState.Purpose.CONNECT, clock.instant()))
                : null;
        Stored<OAuth2Token> token = userToken ? store.loadUserToken(bare) : Stored.absent();
        OAuth2Context oauth2 = new OAuth2Context(client, connect, links.oauth2Callback(installation.id()), token);
        return new VerifiedCall(
                installation,
                Ingress.SLASH_COMMAND,
                new CallContext(null, botUserId, botToken, user, null, oauth2, values));
    }

    /** The installation's bot, as a session at its registered URL; empty when no bot is set up. */
    Optional<MattermostSession> botSession(Installation installation) {
        return installation
                .bot()
                .map(bot -> new MattermostSession(
                        installation.restBaseUrl(), bot.token().value()));
    }

    /**
     * The user as Mattermost describes them (roles included), asked through the bot: a slash command says who, not
     * what they may do.
     *
     * @throws MattermostException when Mattermost cannot be asked or refuses
     */
    MattermostUser whoIs(MattermostSession bot, String userId) {
        return mattermost.user(bot, userId);
    }
}
