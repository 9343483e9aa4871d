package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.console.ConsoleSignIn;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect sign-in, when an issuer is configured: {@code GET /console/sign-in/oidc} seals a new flow into the
 * browser and sends it to the provider; the provider sends it back to {@code …/callback}, which checks the state
 * against the sealed flow, redeems the code, validates the ID token, checks the allowed group and starts the same
 * session as a one-time link. Every outcome is audited; every refusal is a page that says why.
 */
@Controller(ConsolePaths.OIDC)
@Requires(bean = OidcClient.class)
@ExecuteOn(BlockingExecutor.NAME)
final class OidcSignInController {

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignInController.class);
    private static final String AGAIN = " Try again from the sign-in page.";

    private final OidcClient client;
    private final OidcFlowCookie flows;
    private final ConsoleSignIn signIn;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;

    OidcSignInController(
            OidcClient client, OidcFlowCookie flows, UseCases useCases, ConsoleSessions sessions, ConsolePages pages) {
        this.client = client;
        this.flows = flows;
        this.signIn = useCases.consoleSignIn();
        this.sessions = sessions;
        this.pages = pages;
    }

    @Get
    HttpResponse<?> start() {
        OidcFlow flow = flows.start();
        try {
            return HttpResponse.seeOther(client.authorizationRequest(flow)).cookie(flows.hold(flow));
        } catch (OidcClient.ProviderUnavailable e) {
            return unavailable(e);
        }
    }

    @Get("/callback{?code,state,error}")
    HttpResponse<?> callback(
            HttpRequest<?> request,
            @Nullable @QueryValue String code,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String error) {
        Optional<OidcFlow> flow = flows.of(request);
        if (flow.isEmpty()) {
            return refused(
                    null,
                    HttpStatus.BAD_REQUEST,
                    "no sign-in in flight in this browser (none started, expired or already used)",
                    "This browser has no sign-in in progress: it was not started here, took longer than 10 minutes,"
                            + " or this page was already used once.");
        }
        if (!flow.get().stateMatches(state)) {
            return refused(
                    null,
                    HttpStatus.BAD_REQUEST,
                    "state does not match",
                    "This answer from " + client.providerName() + " does not belong to the sign-in this browser"
                            + " started, so it was ignored.");
        }
        if (error != null || code == null) {
            String what = error == null ? "no code" : shortCode(error);
            return refused(
                    null,
                    HttpStatus.UNAUTHORIZED,
                    "the provider answered " + what,
                    client.providerName() + " did not sign you in (" + what + ").");
        }
        OidcClient.Outcome outcome;
        try {
            outcome = client.redeem(code, flow.get());
        } catch (OidcClient.ProviderUnavailable e) {
            return unavailable(e).cookie(flows.cleared());
        }
        if (outcome instanceof OidcClient.Outcome.Rejected rejected) {
            return refused(
                    null,
                    HttpStatus.UNAUTHORIZED,
                    rejected.reason(),
                    client.providerName() + " did not vouch for you: its answer could not be verified.");
        }
        if (!(outcome instanceof OidcClient.Outcome.Verified verified)) {
            throw new IllegalStateException("unmapped outcome " + outcome);
        }
        OidcAccess.Decision decision = client.access().decide(verified.claims());
        if (decision instanceof OidcAccess.Decision.Refused no) {
            return refused(
                    no.operator(),
                    HttpStatus.FORBIDDEN,
                    no.reason(),
                    "You signed in at " + client.providerName() + (no.operator() == null ? "" : " as " + no.operator())
                            + ", but you are not in a group or role allowed into the Gatehouse console. Ask the"
                            + " people who run Gatehouse to add you.");
        }
        if (!(decision instanceof OidcAccess.Decision.Allowed allowed)) {
            throw new IllegalStateException("unmapped decision " + decision);
        }
        Optional<String> operator = signIn.signInWithProvider(allowed.operator(), client.providerName());
        if (operator.isEmpty()) {
            return page(
                    HttpStatus.FORBIDDEN,
                    "The name " + client.providerName() + " gives you cannot name an operator here (1 to 64 letters,"
                            + " digits or . _ @ + -). Ask the people who run Gatehouse to set"
                            + " gatehouse.console.oidc.operator-claim.");
        }
        LOG.info("console: {} signed in with OpenID Connect", operator.get());
        // A page, not a redirect: the session cookie is SameSite=Strict, and a redirect that continues the
        // provider's cross-site navigation would arrive without it. This page moves on by itself, from our own site.
        return pages.page(HttpStatus.OK, "signed-in", new SignedInPage(operator.get()))
                .cookie(sessions.start(operator.get()))
                .cookie(flows.cleared());
    }

    private MutableHttpResponse<?> refused(
            @Nullable String operator, HttpStatus status, String auditReason, String message) {
        LOG.info("console: OpenID Connect sign-in refused: {}", auditReason);
        signIn.refuseProviderSignIn(operator, client.providerName(), auditReason);
        return page(status, message + AGAIN);
    }

    private MutableHttpResponse<?> page(HttpStatus status, String message) {
        return pages.message(status, null, "Sign-in refused", message).cookie(flows.cleared());
    }

    private MutableHttpResponse<?> unavailable(OidcClient.ProviderUnavailable e) {
        LOG.warn(
                "console: OpenID Connect provider {} unavailable: {} ({})",
                client.providerName(),
                e.getMessage(),
                e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
        signIn.refuseProviderSignIn(null, client.providerName(), e.getMessage());
        return pages.message(
                HttpStatus.BAD_GATEWAY,
                null,
                "Sign-in provider unavailable",
                client.providerName() + " cannot be reached right now (" + e.getMessage() + "). Try again in a"
                        + " moment, or sign in with a one-time link from gatehouse console-link.");
    }

    /** An OAuth2 error code is a short ASCII word; anything else is shown as what it is, not echoed. */
    private static String shortCode(String error) {
        return error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "an unreadable error";
    }
}
