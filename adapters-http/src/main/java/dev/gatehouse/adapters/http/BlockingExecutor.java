package dev.gatehouse.adapters.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor that blocking request work leaves the event loop for, in place of Micronaut's unbounded IO executor:
 * when the database hangs, every request holds its thread until a timeout, and an unbounded pool then grows a thread
 * per request (400 concurrent requests made 400 threads). Here there are at most {@code threads}, a bounded queue
 * behind them, and a request beyond both is refused at once ({@link RejectedExecutionException}, answered 503 with
 * {@code Retry-After: 1} and counted as {@code gatehouse.blocking.rejected}) rather than waiting without bound.
 * Controllers name it in {@code @ExecuteOn(BlockingExecutor.NAME)}.
 */
@Factory
public final class BlockingExecutor {

    public static final String NAME = "gatehouse-blocking";

    @Context // built at startup, so its meters are there (at 0) before the first request
    @Named(NAME)
    @Bean(preDestroy = "shutdown")
    ExecutorService blockingExecutor(BlockingExecutorConfiguration configuration, MeterRegistry meters) {
        Counter rejected = Counter.builder("gatehouse.blocking.rejected")
                .description("Requests refused with 503 because every blocking thread was busy and the queue full")
                .register(meters);
        BlockingQueue<Runnable> queue =
                configuration.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(configuration.queue());
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                configuration.threads(),
                configuration.threads(),
                60,
                TimeUnit.SECONDS,
                queue,
                daemonThreads(),
                (work, pool) -> {
                    rejected.increment();
                    throw new RejectedExecutionException("every blocking thread is busy and the queue is full");
                });
        executor.allowCoreThreadTimeOut(true); // idle, the pool shrinks back to nothing
        Gauge.builder("gatehouse.blocking.threads", executor, ThreadPoolExecutor::getPoolSize)
                .description("Threads of the blocking executor")
                .register(meters);
        Gauge.builder("gatehouse.blocking.queued", executor, e -> e.getQueue().size())
                .description("Requests waiting for a blocking thread")
                .register(meters);
        return executor;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, NAME + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
