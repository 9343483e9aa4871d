package dev.gatehouse.domain.call;

import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.SiteUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * An installation whose secret verified the call token, before the call body has been read. The token does not
 * cover the body, so {@link #admit(CallContext)} checks that the body belongs to this caller.
 */
public record Caller(Installation installation, CallClaims claims) {

    public Caller {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * Binds the call body to the token: the acting user in the body must be the one the token names, and a site URL
     * in the body must be the one registered for the installation. Mattermost puts {@code acting_user_id} in the
     * token exactly when it expanded {@code acting_user}, so a body naming an acting user under a token that names
     * none is refused too: otherwise a token of a call without a user (such as {@code /ping}) could carry a body
     * claiming to be anyone.
     */
    public Admission<VerifiedCall> admit(CallContext context) {
        Optional<String> bodyUser = context.acting().map(ActingUser::id);
        if (bodyUser.isPresent() && !bodyUser.equals(claims.actingUser())) {
            return Admission.refused(RejectionReason.ACTING_USER_MISMATCH);
        }
        if (context.siteUrl().isPresent() && !registeredSite(context.siteUrl().get())) {
            return Admission.refused(RejectionReason.SITE_URL_MISMATCH);
        }
        return Admission.admitted(new VerifiedCall(installation, Ingress.APPS, context));
    }

    private boolean registeredSite(String fromBody) {
        if (fromBody.equals(installation.siteUrl().value())) {
            return true; // the usual case, without parsing a URL
        }
        try {
            return SiteUrl.of(fromBody).equals(installation.siteUrl());
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }
}
