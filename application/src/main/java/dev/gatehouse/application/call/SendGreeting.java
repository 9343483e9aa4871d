package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /<app> send}: the bot DMs the acting user, proving the whole round trip (verified call in, bot token out).
 * It talks to the installation's registered URL only, never to a URL from the call body.
 */
public final class SendGreeting {

    public static final String MESSAGE = "Hello from Gatehouse: your call was verified (JWT check ok).";
    public static final String SENT = "Created a post in your DM channel.";
    private static final Logger LOG = LoggerFactory.getLogger(SendGreeting.class);

    private final Mattermost mattermost;

    public SendGreeting(Mattermost mattermost) {
        this.mattermost = mattermost;
    }

    public CallOutcome send(VerifiedCall call) {
        Optional<String> user = call.actingUser().map(ActingUser::id);
        if (user.isEmpty()) {
            return new CallOutcome.Failed("Mattermost did not say who you are: the send call must expand acting_user.");
        }
        Optional<String> botToken = call.context().botToken();
        if (botToken.isEmpty()) {
            return new CallOutcome.Failed(
                    call.ingress() == Ingress.APPS
                            ? "Mattermost sent no bot access token: the app needs the act_as_bot permission; reinstall it."
                            : noBot(call));
        }
        Optional<String> bot = call.botUserId();
        if (bot.isEmpty()) {
            return new CallOutcome.Failed("The app's bot user is unknown: reinstall the app.");
        }
        try {
            mattermost.sendDirectMessage(
                    new MattermostSession(call.installation().restBaseUrl(), botToken.get()),
                    bot.get(),
                    user.get(),
                    MESSAGE);
        } catch (MattermostException e) {
            LOG.warn("direct message failed: {}", e.getMessage());
            return new CallOutcome.Failed("Could not send you a direct message: " + e.getMessage());
        }
        return new CallOutcome.Ok(SENT);
    }

    /** Who can fix it: the Mattermost admin, through the Gatehouse operator (provisioning makes the bot). */
    static String noBot(VerifiedCall call) {
        return "No bot is set up for this Mattermost server yet: ask your Mattermost admin to have the Gatehouse"
                + " operator run `gatehouse installations provision "
                + call.installation().id() + "`.";
    }
}
