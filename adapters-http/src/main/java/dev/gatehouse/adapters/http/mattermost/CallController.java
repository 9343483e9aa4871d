package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.error.ErrorResponses;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.VerifiedCall;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Every call Mattermost posts to an installation's {@code root_url}, dispatched on the {@link CommandCatalog}: steps 3
 * to 5 after {@link CallAuthenticationFilter} admitted the caller. The body is parsed leniently (opening what Gatehouse
 * sealed into {@code context.oauth2}), bound to the verified token ({@link Caller#admit}), and the catalog's use case
 * answers with HTTP 200 and a CallResponse. Calls that only compute (ping, bindings, info, help) run where the filter
 * left them, unless their body is large ({@link LargeBodies}); the others move to the blocking executor.
 *
 * <p>micronaut-security leaves these routes open: the Mattermost call token, checked by the filter for the
 * installation the route names, is their authentication.
 */
@Controller("/i")
@Secured(SecurityRule.IS_ANONYMOUS)
@Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
final class CallController {

    /** Mattermost's own limit for what it fetches from an app; a call body is far smaller. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Argument<CallRequestJson> CALL_REQUEST = Argument.of(CallRequestJson.class);

    private final CommandCatalog catalog;
    private final JsonMapper json;
    private final SealedOAuth2 sealed;
    private final CallRejections rejections;
    private final CallMetrics metrics;
    private final BlockingWork blocking;
    private final ErrorResponses errors;
    private final LargeBodies largeBodies;
    private final SerializedBindings serializedBindings;

    CallController(
            UseCases useCases,
            JsonMapper json,
            SealedOAuth2 sealed,
            CallRejections rejections,
            CallMetrics metrics,
            BlockingWork blocking,
            ErrorResponses errors,
            LargeBodies largeBodies,
            SerializedBindings serializedBindings) {
        this.catalog = useCases.catalog();
        this.json = json;
        this.sealed = sealed;
        this.rejections = rejections;
        this.metrics = metrics;
        this.blocking = blocking;
        this.errors = errors;
        this.largeBodies = largeBodies;
        this.serializedBindings = serializedBindings;
    }

    /** @param path the installation id and the call path, e.g. {@code 4f…/send} */
    @Post("/{+path}")
    Mono<HttpResponse<?>> call(HttpRequest<?> request, Caller caller, String path, @Nullable @Body byte[] body) {
        int slash = path.indexOf('/');
        Optional<CommandCatalog.Route> route = slash < 0 ? Optional.empty() : catalog.route(path.substring(slash));
        if (route.isEmpty()) {
            return Mono.just(errors.of(request, HttpStatus.NOT_FOUND, "no such resource: POST " + request.getPath()));
        }
        CommandCatalog.Route found = route.get();
        if (found.work() == CommandCatalog.Work.COMPUTES) {
            if (LargeBodies.isLarge(body)) {
                return largeBodies.run(() -> answer(request, caller, found, body));
            }
            return Mono.just(answer(request, caller, found, body));
        }
        return blocking.run(() -> answer(request, caller, found, body));
    }

    private HttpResponse<?> answer(HttpRequest<?> request, Caller caller, CommandCatalog.Route route, byte[] body) {
        var installationId = caller.installation().id();
        try (var mdc = CallRoutes.mdc(installationId)) {
            if (body != null && body.length > MAX_BODY_BYTES) {
                return rejections.reject(request, installationId, RejectionReason.BODY_TOO_LARGE);
            }
            CallRequestJson call = parse(body);
            if (call == null) {
                return rejections.reject(request, installationId, RejectionReason.BODY_MALFORMED);
            }
            Admission<VerifiedCall> admission = caller.admit(call.toContext(sealed, installationId));
            if (admission instanceof Admission.Refused<VerifiedCall> refused) {
                return rejections.reject(request, installationId, refused.reason());
            }
            if (admission instanceof Admission.Admitted<VerifiedCall> admitted) {
                return run(request, route, admitted.value());
            }
            throw new IllegalStateException("unmapped admission " + admission);
        }
    }

    /**
     * Mattermost only POSTs calls; the manifest and icon have their own routes. Without this, any other GET under
     * {@code /i/} would match the call route's path and answer 405 instead of 404.
     */
    @Get("/{+path}")
    HttpResponse<?> noSuchResource(HttpRequest<?> request, String path) {
        return errors.of(request, HttpStatus.NOT_FOUND, "no such resource: GET " + request.getPath());
    }

    /** Null when the body is missing or not a CallRequest. */
    @Nullable private CallRequestJson parse(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, CALL_REQUEST);
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    private HttpResponse<?> run(HttpRequest<?> request, CommandCatalog.Route route, VerifiedCall call) {
        String path = route.call().path();
        CallOutcome outcome;
        try {
            outcome = route.handler().handle(call);
        } catch (RuntimeException e) {
            metrics.call(request, Ingress.APPS, path, "failed");
            throw e;
        }
        if (outcome instanceof CallOutcome.Bindings bindings) {
            metrics.call(request, Ingress.APPS, path, "ok");
            return HttpResponse.ok(serializedBindings.of(bindings)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        CallResponseJson response = CallResponseJson.of(outcome);
        metrics.call(request, Ingress.APPS, path, response.type());
        return HttpResponse.ok(response);
    }
}
