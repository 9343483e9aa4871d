package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.RejectionReason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Steps 1 and 2 of every Mattermost call, before the body is read: the installation named by the route must exist
 * and be active, and the {@code Mattermost-App-Authorization} token must verify against its secrets. The verified
 * {@link Caller} reaches {@link CallController} as a typed argument ({@link CallerArgumentBinder}). A known
 * installation is in this replica's memory, so the decision is made right on the event loop (a hop to another thread
 * costs more than the whole verification); only a lookup that needs the database moves to the blocking executor. A
 * declared body over the size limit is refused here too, unread.
 */
@ServerFilter(value = CallRoutes.PREFIX + "**", methods = HttpMethod.POST)
public final class CallAuthenticationFilter {

    public static final String HEADER = "Mattermost-App-Authorization";

    private final AuthenticateCall authenticateCall;
    private final CallRejections rejections;
    private final BlockingWork blocking;
    private final CallPathWarmUp warmUp;

    CallAuthenticationFilter(
            UseCases useCases, CallRejections rejections, BlockingWork blocking, CallPathWarmUp warmUp) {
        this.authenticateCall = useCases.authenticateCall();
        this.rejections = rejections;
        this.blocking = blocking;
        this.warmUp = warmUp;
    }

    /** Either the rejection, or the rest of the chain (the call itself). */
    @RequestFilter
    public Publisher<MutableHttpResponse<?>> authenticate(
            HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        warmUp.mark(request);
        if (CallRoutes.isSlashCommandIngress(request.getPath())) {
            return chain.proceed(); // authenticated by its command token or signed state, not by an Apps call token
        }
        CallMetrics.arrived(request);
        String segment = CallRoutes.installationSegment(request.getPath());
        String header = request.getHeaders().get(HEADER);
        Optional<Admission<Caller>> inMemory = authenticateCall.authenticateWithoutBlocking(segment, header);
        if (inMemory.isPresent()) {
            MutableHttpResponse<?> refused = decide(request, inMemory.get());
            return refused != null ? Mono.just(refused) : chain.proceed();
        }
        return blocking.<MutableHttpResponse<?>>run(
                        () -> decide(request, authenticateCall.authenticate(segment, header)))
                .switchIfEmpty(Mono.defer(() -> Mono.from(chain.proceed())));
    }

    /** The refusal to answer with, or null when the call may go on. */
    @Nullable private MutableHttpResponse<?> decide(HttpRequest<?> request, Admission<Caller> admission) {
        if (admission instanceof Admission.Refused<Caller> refused) {
            return rejections.reject(request, refused.reason());
        }
        if (admission instanceof Admission.Admitted<Caller> admitted) {
            Caller caller = admitted.value();
            if (request.getContentLength() > CallController.MAX_BODY_BYTES) {
                return rejections.reject(request, caller.installation().id(), RejectionReason.BODY_TOO_LARGE);
            }
            CallerArgumentBinder.attach(request, caller);
            return null;
        }
        throw new IllegalStateException("unmapped admission " + admission);
    }
}
