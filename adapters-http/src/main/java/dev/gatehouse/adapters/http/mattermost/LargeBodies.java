package dev.gatehouse.adapters.http.mattermost;

import io.micronaut.core.propagation.PropagatedContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where large request bodies are parsed: a small pool of its own (half the cores, a short queue), never an event
 * loop. Parsing 1 MiB of JSON with 80,000 keys takes tens of milliseconds; on an event loop that is tens of
 * milliseconds of every other tenant's requests on that loop waiting. Here a flood of large bodies waits for its own
 * few threads, and beyond the queue is refused at once (503 with {@code Retry-After}) rather than piling up.
 * Small bodies — every call Mattermost makes in practice — stay where they are: a hop costs more than parsing them.
 */
@Singleton
final class LargeBodies {

    /** Bodies up to this size are parsed where they arrive. */
    static final int INLINE_MAX_BYTES = 64 * 1024;

    static final int QUEUE = 16;

    private final ThreadPoolExecutor executor;
    private final Scheduler scheduler;

    LargeBodies() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = work -> {
            Thread thread = new Thread(work, "large-body-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                daemons,
                new ThreadPoolExecutor.AbortPolicy());
        this.scheduler = Schedulers.fromExecutorService(executor, "large-bodies");
    }

    static boolean isLarge(byte[] body) {
        return body != null && body.length > INLINE_MAX_BYTES;
    }

    /**
     * Runs {@code work} (parsing and whatever only computes after it) on this pool, with the request's propagated
     * context. When the pool and its queue are full it fails with {@link java.util.concurrent.RejectedExecutionException},
     * which {@code OverloadedHandler} answers with 503 and {@code Retry-After} in the caller's shape.
     */
    <T> Mono<T> run(Callable<T> work) {
        return Mono.fromCallable(PropagatedContext.wrapCurrent(work)).subscribeOn(scheduler);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
