package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.TokenRefreshLock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One JVM's version of the Postgres advisory lock: a lock per installation and user. Counts how often it was taken. */
public final class InMemoryTokenRefreshLock implements TokenRefreshLock {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Integer> taken = new ConcurrentHashMap<>();

    @Override
    public <T> T exclusively(InstallationId installation, String userId, Supplier<T> work) {
        String key = installation + ":" + userId;
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            taken.merge(key, 1, Integer::sum);
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public int timesTaken(InstallationId installation, String userId) {
        return taken.getOrDefault(installation + ":" + userId, 0);
    }
}
