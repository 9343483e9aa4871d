package dev.gatehouse.domain.call;

import dev.gatehouse.domain.installation.Installation;
import java.util.Objects;
import java.util.Optional;

/**
 * A request from Mattermost that Gatehouse has authenticated, as use cases see it whatever the ingress: on the Apps
 * ingress a call whose token verified against its installation's secret and whose body is bound to that token
 * ({@link Caller#admit(CallContext)}); on the slash-command ingress a command whose token is one of the installation's
 * (or a dialog or link whose signed state is), with the context Gatehouse expanded from its own storage. Use cases
 * never see an unverified request.
 */
public record VerifiedCall(Installation installation, Ingress ingress, CallContext context) {

    /** Who the audit log names for what Mattermost asked: {@code mattermost}, or {@code mattermost:<user id>}. */
    public static final String ACTOR = "mattermost";

    public VerifiedCall {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(context, "context");
    }

    public Optional<ActingUser> actingUser() {
        return context.acting();
    }

    public String actor() {
        return context.acting().map(user -> ACTOR + ":" + user.id()).orElse(ACTOR);
    }

    public boolean actingUserIsSystemAdmin() {
        return context.acting().map(ActingUser::isSystemAdmin).orElse(false);
    }

    /**
     * The acting user's Mattermost session at the installation's registered URL, when the call expanded
     * {@code acting_user_access_token}.
     */
    public Optional<MattermostSession> actingUserSession() {
        return context.actingUserToken().map(token -> new MattermostSession(installation.restBaseUrl(), token));
    }

    /** The app's bot: as Mattermost names it in this call, else as recorded at install time. */
    public Optional<String> botUserId() {
        return context.botUser().or(installation::botUserId);
    }
}
