package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.domain.call.CallAdmission;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.VerifiedCall;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.function.Function;

/**
 * Steps 3 to 5 of every Mattermost call, after {@link CallAuthenticationFilter}: parse the body leniently (opening what
 * Gatehouse sealed into {@code context.oauth2}), bind it to the verified token ({@link Caller#admit}), run the use case, and answer HTTP 200 with its CallResponse.
 */
@Singleton
final class CallPipeline {

    private final JsonMapper json;
    private final CallRejections rejections;
    private final CallMetrics metrics;
    private final SealedOAuth2 sealed;

    CallPipeline(JsonMapper json, CallRejections rejections, CallMetrics metrics, SealedOAuth2 sealed) {
        this.json = json;
        this.rejections = rejections;
        this.metrics = metrics;
        this.sealed = sealed;
    }

    HttpResponse<CallResponseJson> run(
            HttpRequest<?> request, byte[] body, Function<VerifiedCall, CallOutcome> useCase) {
        Caller caller = request.getAttribute(CallRoutes.CALLER, Caller.class).orElse(null);
        if (caller == null) {
            // the filter did not run for this route: fail closed
            return rejections.reject(request, null, RejectionReason.TOKEN_MISSING);
        }
        var installationId = caller.installation().id();
        try (var mdc = CallRoutes.mdc(installationId)) {
            if (body != null && body.length > CallController.MAX_BODY_BYTES) {
                return rejections.reject(request, installationId, RejectionReason.BODY_TOO_LARGE);
            }
            CallRequestJson call;
            try {
                call = body == null || body.length == 0
                        ? null
                        : json.readValue(body, Argument.of(CallRequestJson.class));
            } catch (IOException | RuntimeException malformed) {
                call = null;
            }
            if (call == null) {
                return rejections.reject(request, installationId, RejectionReason.BODY_MALFORMED);
            }
            CallContext context = call.toContext(sealed);
            CallAdmission admission = caller.admit(context);
            if (admission instanceof CallAdmission.Refused refused) {
                return rejections.reject(request, installationId, refused.reason());
            }
            if (admission instanceof CallAdmission.Admitted admitted) {
                return answer(request, admitted.call(), useCase);
            }
            throw new IllegalStateException("unmapped admission " + admission);
        }
    }

    private HttpResponse<CallResponseJson> answer(
            HttpRequest<?> request, VerifiedCall call, Function<VerifiedCall, CallOutcome> useCase) {
        String path = CallRoutes.callPath(request.getPath());
        CallOutcome outcome;
        try {
            outcome = useCase.apply(call);
        } catch (RuntimeException e) {
            metrics.call(path, "failed", CallRoutes.elapsed(request));
            throw e;
        }
        CallResponseJson response = CallResponseJson.of(outcome);
        metrics.call(path, response.type(), CallRoutes.elapsed(request));
        return HttpResponse.ok(response);
    }
}
