package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.domain.call.RejectionReason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Steps 1 and 2 of every Mattermost call, before the body is read: the installation named by the route must exist
 * and be active, and the {@code Mattermost-App-Authorization} token must verify against its secrets. The verified
 * caller is handed to {@link CallController} as a request attribute. Runs on the blocking executor because a cache
 * miss reads the database. A declared body over the size limit is refused here too, unread.
 */
@ServerFilter(value = CallRoutes.PREFIX + "**", methods = HttpMethod.POST)
public final class CallAuthenticationFilter {

    public static final String HEADER = "Mattermost-App-Authorization";

    private final AuthenticateCall authenticateCall;
    private final CallRejections rejections;

    CallAuthenticationFilter(AuthenticateCall authenticateCall, CallRejections rejections) {
        this.authenticateCall = authenticateCall;
        this.rejections = rejections;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        request.setAttribute(CallRoutes.STARTED, System.nanoTime());
        String segment = CallRoutes.installationSegment(request.getPath());
        AuthenticateCall.Result result = authenticateCall.authenticate(segment, request.getHeaders().get(HEADER));
        if (result instanceof AuthenticateCall.Result.Refused refused) {
            return rejections.reject(request, refused.installationId(), refused.reason());
        }
        if (result instanceof AuthenticateCall.Result.Authenticated authenticated) {
            var installation = authenticated.caller().installation();
            if (request.getContentLength() > CallController.MAX_BODY_BYTES) {
                return rejections.reject(request, installation.id(), RejectionReason.BODY_TOO_LARGE);
            }
            request.setAttribute(CallRoutes.CALLER, authenticated.caller());
            return null;
        }
        throw new IllegalStateException("unmapped authentication result " + result);
    }
}
