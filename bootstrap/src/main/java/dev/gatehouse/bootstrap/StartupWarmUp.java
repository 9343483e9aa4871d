package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.mattermost.CallPathWarmUp;
import dev.gatehouse.adapters.persistence.installation.CachingInstallations;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the server listens, runs {@link CallPathWarmUp} on a thread of its own; {@link WarmUpReadiness} keeps the
 * replica out of the load balancer until it finished. A warm-up that fails or outlasts
 * {@code gatehouse.warm-up.timeout} only costs the first calls their speed: it is logged as a warning and the
 * replica goes ready all the same.
 */
@Singleton
final class StartupWarmUp implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

    private final CallPathWarmUp warmUp;
    private final CachingInstallations installations;
    private final WarmUpConfiguration configuration;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long deadlineNanos = Long.MAX_VALUE;

    StartupWarmUp(CallPathWarmUp warmUp, CachingInstallations installations, WarmUpConfiguration configuration) {
        this.warmUp = warmUp;
        this.installations = installations;
        this.configuration = configuration;
        if (!configuration.enabled()) {
            finished.countDown();
        }
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start(event.getSource().getPort());
    }

    /** Starts the warm-up against the server listening on {@code port}, unless it is off or already ran. */
    void start(int port) {
        if (!configuration.enabled() || finished.getCount() == 0) {
            return;
        }
        deadlineNanos = System.nanoTime() + configuration.timeout().toNanos();
        Thread thread = new Thread(() -> run(port), "gatehouse-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(int port) {
        long started = System.nanoTime();
        // The cache's load waits on the database, the call path on the CPU: side by side they take the longer of the
        // two.
        CompletableFuture<Integer> preloaded = CompletableFuture.supplyAsync(this::preload, runnable -> {
            Thread loader = new Thread(runnable, "gatehouse-warm-up-cache");
            loader.setDaemon(true);
            loader.start();
        });
        try {
            warmUp.run(port, configuration.rounds(), configuration.timeout());
            long callPathMillis = (System.nanoTime() - started) / 1_000_000;
            LOG.info(
                    "warm-up: call path run in {} ms; {} installations loaded into the cache; {} ms in all",
                    callPathMillis,
                    preloaded.join(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) { // whatever went wrong, the replica must still start
            LOG.warn(
                    "the call path warm-up failed after {} ms, going ready without it (the first calls will be"
                            + " slower): {}",
                    (System.nanoTime() - started) / 1_000_000,
                    e.toString());
            preloaded.join();
        } finally {
            finished.countDown();
        }
    }

    /** A database that does not answer now costs the first calls a query each, not the call path's warm-up. */
    private int preload() {
        if (configuration.preloadInstallations() == 0) {
            return 0;
        }
        try {
            return installations.preload(configuration.preloadInstallations());
        } catch (RuntimeException e) {
            LOG.warn("could not load installations into the cache before going ready: {}", e.toString());
            return 0;
        }
    }

    /** True once the warm-up finished, failed, or ran out of time (then with a warning, once). */
    boolean done() {
        if (finished.getCount() == 0) {
            return true;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            finished.countDown();
            LOG.warn(
                    "the call path warm-up did not finish within {}, going ready without waiting for it",
                    configuration.timeout());
            return true;
        }
        return false;
    }

    /** For tests: waits until {@link #done()}. */
    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }
}
