package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.console.ConsoleSignIn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in with a one-time link and signing out. Opening the link only shows a form: the token is spent by its
 * POST, so a link scanner or prefetcher that fetches the URL spends nothing.
 */
@Controller(ConsolePaths.ROOT)
@ExecuteOn(BlockingExecutor.NAME)
final class SignInController {

    private static final Logger LOG = LoggerFactory.getLogger(SignInController.class);

    private final ConsoleSignIn signIn;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final @Nullable String oidcProvider;

    SignInController(UseCases useCases, ConsoleSessions sessions, ConsolePages pages, ConsoleOidcConfiguration oidc) {
        this.signIn = useCases.consoleSignIn();
        this.sessions = sessions;
        this.pages = pages;
        this.oidcProvider = oidc.enabled() ? oidc.displayName() : null;
    }

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create(ConsolePaths.ROOT + "/installations"));
    }

    @Get("/sign-in{?token}")
    HttpResponse<?> signInPage(@Nullable @QueryValue String token) {
        return pages.page(HttpStatus.OK, "sign-in", new SignInPage(token == null ? "" : token, null, oidcProvider));
    }

    @Post("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signIn(@Body Map<String, String> form) {
        Optional<String> operator = signIn.signIn(form.get("token"));
        if (operator.isEmpty()) {
            return pages.page(
                    HttpStatus.UNAUTHORIZED,
                    "sign-in",
                    new SignInPage(
                            "",
                            "This sign-in link is unknown, already used or expired. Each link works once: run"
                                    + " gatehouse console-link for a new one.",
                            oidcProvider));
        }
        LOG.info("console: {} signed in", operator.get());
        return HttpResponse.seeOther(URI.create(ConsolePaths.ROOT + "/installations"))
                .cookie(sessions.start(operator.get()));
    }

    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(ConsoleSession session, @Body Map<String, String> body) {
        ConsoleForm.checked(session, body);
        LOG.info("console: {} signed out", session.operator());
        try {
            signIn.signOut(session.operator());
        } catch (RuntimeException e) {
            // Signing out must work while the database is down: the cookie goes whatever the audit log can take.
            LOG.warn(
                    "console: could not audit the sign-out of {} ({})",
                    session.operator(),
                    e.getClass().getSimpleName());
        }
        return HttpResponse.seeOther(URI.create(ConsolePaths.SIGN_IN)).cookie(sessions.end());
    }
}
