package dev.gatehouse.adapters.http.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.Optional;

/**
 * The console's gate: every page and action but the sign-in page and the stylesheet needs a session cookie
 * ({@link ConsoleSessions}); without one a page read goes to the sign-in page and an action is refused. An admin
 * bearer token or a Mattermost call token opens nothing here. Every console response gets the headers that keep it
 * out of frames, caches and referrers, and allow no inline script.
 */
@ServerFilter({ConsolePaths.ROOT, ConsolePaths.ROOT + "/**"})
final class ConsoleFilter {

    static final String SESSION = "gatehouse.console.session";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ConsoleSessions sessions;
    private final ConsolePages pages;

    ConsoleFilter(ConsoleSessions sessions, ConsolePages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    @RequestFilter
    @Nullable HttpResponse<?> requireSession(HttpRequest<?> request) {
        if (ConsolePaths.isOpen(request.getPath())) {
            return null;
        }
        Optional<ConsoleSession> session = sessions.of(request);
        if (session.isPresent()) {
            request.setAttribute(SESSION, session.get());
            return null;
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return secured(HttpResponse.seeOther(URI.create(ConsolePaths.SIGN_IN)));
        }
        return secured(pages.message(
                HttpStatus.FORBIDDEN,
                null,
                "Signed out",
                "This action needs a console session, and this browser has none (or it has ended). Sign in again"
                        + " with a link from gatehouse console-link."));
    }

    @ResponseFilter
    void secure(MutableHttpResponse<?> response) {
        secured(response);
    }

    static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response) {
        // set, not added: a response made here passes the response filter too, and each header must appear once
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        // pages show secrets once and operators' data: never from a cache, never from history
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        return response;
    }
}
