package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.TokenRefreshLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link TokenRefreshLock} must do: one caller at a time per installation and user, each
 * on its own thread (for the database, each on its own pooled connection), nobody else kept waiting, and a failed
 * work neither swallowed nor left holding the lock. Run by the in-memory lock and by the Postgres advisory lock.
 */
public abstract class TokenRefreshLockContract {

    /** How long something that should happen now may take on a busy machine. */
    protected static final long PROMPTLY_SECONDS = 10;
    /** How long a second caller is watched to see that it stays out while the lock is held. */
    private static final long WATCH_MILLIS = 500;

    private ExecutorService threads;

    protected abstract TokenRefreshLock lock();

    @BeforeEach
    void startThreads() {
        threads = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void returnsWhatTheWorkReturns() {
        assertThat(lock().exclusively(InstallationId.random(), "u1", () -> "renewed"))
                .isEqualTo("renewed");
    }

    @Test
    void aSecondCallerForTheSameInstallationAndUserWaitsUntilTheFirstIsDone() throws Exception {
        assertCallersTakeTurns(InstallationId.random(), "u1");
    }

    @Test
    void otherUsersAndOtherInstallationsDoNotWait() throws Exception {
        InstallationId installation = InstallationId.random();
        Holder holder = hold(lock(), installation, "u1");
        try {
            assertThat(inThread(() -> lock().exclusively(installation, "u2", () -> "other user"))
                            .get(PROMPTLY_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("other user");
            assertThat(inThread(() -> lock().exclusively(InstallationId.random(), "u1", () -> "other installation"))
                            .get(PROMPTLY_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("other installation");
        } finally {
            holder.release();
        }
        assertThat(holder.result()).isEqualTo("held");
    }

    @Test
    void anExceptionInTheWorkReachesTheCallerAndFreesTheLock() throws Exception {
        InstallationId installation = InstallationId.random();
        IllegalStateException failure = new IllegalStateException("the provider said no");
        assertThatThrownBy(() -> lock().exclusively(installation, "u1", () -> {
                    throw failure;
                }))
                .isSameAs(failure);
        // Taking turns again, from other threads: a lock left held (even by a pooled connection that comes back to
        // one of them) would keep one of the two out.
        assertCallersTakeTurns(installation, "u1");
    }

    /** A first caller holds the lock; a second one for the same key stays out until the first is done, then gets in. */
    private void assertCallersTakeTurns(InstallationId installation, String userId) throws Exception {
        Holder first = hold(lock(), installation, userId);
        Future<String> second =
                inThread(() -> lock().exclusively(installation, userId, () -> first.holding ? "overlapped" : "after"));
        try {
            assertThatThrownBy(() -> second.get(WATCH_MILLIS, TimeUnit.MILLISECONDS))
                    .as("the second caller must wait while the first holds the lock")
                    .isInstanceOf(TimeoutException.class);
        } finally {
            first.release();
        }
        assertThat(first.result()).isEqualTo("held");
        assertThat(second.get(PROMPTLY_SECONDS, TimeUnit.SECONDS)).isEqualTo("after");
    }

    protected <T> Future<T> inThread(Supplier<T> work) {
        return threads.submit(work::get);
    }

    /** Takes the lock through {@code lock} on another thread and keeps it until {@link Holder#release()}. */
    protected Holder hold(TokenRefreshLock lock, InstallationId installation, String userId)
            throws InterruptedException {
        Holder holder = new Holder();
        holder.result = inThread(() -> lock.exclusively(installation, userId, () -> {
            holder.holding = true;
            holder.in.countDown();
            awaitPromptly(holder.release);
            holder.holding = false;
            return "held";
        }));
        assertThat(holder.in.await(PROMPTLY_SECONDS, TimeUnit.SECONDS))
                .as("the holder got the lock")
                .isTrue();
        return holder;
    }

    /** A caller that holds the lock on another thread until released; its work returns "held". */
    protected static final class Holder {

        private final CountDownLatch in = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean holding;
        private Future<String> result;

        public void release() {
            release.countDown();
        }

        public String result() throws Exception {
            return result.get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void awaitPromptly(CountDownLatch latch) {
        try {
            if (!latch.await(PROMPTLY_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
