package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.BlockingExecutor;
import io.micronaut.core.propagation.PropagatedContext;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Moves work that may block (the database, Mattermost, the provider) off the event loop, carrying the request's
 * propagated context (its request id in the logs) along. The call path decides per call whether it needs to: a hop
 * costs more than a whole verified call that only computes. The executor is bounded: when it is full the work fails
 * with a RejectedExecutionException (503, retry in a second) instead of growing a thread per request.
 */
@Singleton
final class BlockingWork {

    private final Scheduler scheduler;

    BlockingWork(@Named(BlockingExecutor.NAME) ExecutorService blocking) {
        this.scheduler = Schedulers.fromExecutorService(blocking);
    }

    /** Runs {@code work} on the blocking executor; a null result completes empty. */
    <T> Mono<T> run(Callable<T> work) {
        return Mono.fromCallable(PropagatedContext.wrapCurrent(work)).subscribeOn(scheduler);
    }
}
