package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.domain.call.RejectionReason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Steps 1 and 2 of every Mattermost call, before the body is read: the installation named by the route must exist
 * and be active, and the {@code Mattermost-App-Authorization} token must verify against its secrets. The verified
 * caller is handed to {@link CallController} as a request attribute. A known installation is in this replica's
 * memory, so the decision is made right on the event loop (a hop to another thread costs more than the whole
 * verification); only a lookup that needs the database moves to the blocking executor. A declared body over the size
 * limit is refused here too, unread.
 */
@ServerFilter(value = CallRoutes.PREFIX + "**", methods = HttpMethod.POST)
public final class CallAuthenticationFilter {

    public static final String HEADER = "Mattermost-App-Authorization";

    private final AuthenticateCall authenticateCall;
    private final CallRejections rejections;
    private final ExecutorService blocking;

    CallAuthenticationFilter(
            AuthenticateCall authenticateCall,
            CallRejections rejections,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.authenticateCall = authenticateCall;
        this.rejections = rejections;
        this.blocking = blocking;
    }

    /** Either the rejection, or the rest of the chain (the call itself). */
    @RequestFilter
    public Publisher<MutableHttpResponse<?>> authenticate(
            HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        request.setAttribute(CallRoutes.STARTED, System.nanoTime());
        String segment = CallRoutes.installationSegment(request.getPath());
        String header = request.getHeaders().get(HEADER);
        Optional<AuthenticateCall.Result> inMemory = authenticateCall.authenticateWithoutBlocking(segment, header);
        if (inMemory.isPresent()) {
            MutableHttpResponse<?> refused = decide(request, inMemory.get());
            return refused != null ? Mono.just(refused) : chain.proceed();
        }
        Callable<MutableHttpResponse<?>> lookup = () -> decide(request, authenticateCall.authenticate(segment, header));
        return Mono.fromCallable(PropagatedContext.wrapCurrent(lookup))
                .subscribeOn(Schedulers.fromExecutorService(blocking))
                .<MutableHttpResponse<?>>map(refused -> refused)
                .switchIfEmpty(Mono.defer(() -> Mono.from(chain.proceed())));
    }

    @Nullable private MutableHttpResponse<?> decide(HttpRequest<?> request, AuthenticateCall.Result result) {
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
