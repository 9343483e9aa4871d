package dev.gatehouse.adapters.persistence.installation;

import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The {@link Installations} bean: a per-replica cache in front of {@link JdbcInstallations}, because every
 * Mattermost call looks its installation up. An entry is fresh for {@code gatehouse.cache.ttl} (30 s); any change
 * through any replica invalidates it sooner through {@link InstallationChangeListener}. "Not found" is cached for
 * {@code gatehouse.cache.negative-ttl} (5 s), so floods of unknown ids do not reach the database. When the database
 * is unavailable, the last known installation is served, so calls keep being verified through an outage.
 *
 * <p>An id that is not an installation's costs no query either: the cache keeps the set of every installation id
 * (loaded once, grown by every change it hears of, loaded again when notifications may have been missed and at least
 * every {@code ttl}), so a flood of made-up ids — which the negative cache cannot stop, each id being new — is
 * answered from memory. The set may hold ids that are gone (asking the database then removes them), never lack one
 * it has heard of.
 *
 * <p>The read path is a {@link ConcurrentHashMap} lookup and a clock read: no lock. {@code list()} is not cached.
 */
@Singleton
public final class CachingInstallations implements Installations {

    /** Above this many cached "not found" entries, they are dropped wholesale: a flood cannot grow the heap. */
    static final int MAX_NEGATIVE_ENTRIES = 10_000;
    /** While the database is down, how long a stale entry is served before the database is tried again. */
    static final long STALE_RETRY_NANOS = Duration.ofSeconds(5).toNanos();
    /** Installations read per query by {@link #preload}. */
    static final int PRELOAD_PAGE = 500;

    private record Entry(Installation installation, long loadedAt) {}

    private final JdbcInstallations jdbc;
    private final long ttlNanos;
    private final long negativeTtlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<InstallationId, Entry> found = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InstallationId, Long> notFound = new ConcurrentHashMap<>();
    /**
     * Bumped before every invalidation. A load only stores its result when no invalidation happened since it began,
     * so a read that raced a change cannot put the old state back after the change was announced.
     */
    private final AtomicLong generation = new AtomicLong();

    private final Counter hits;
    private final Counter misses;
    private final Counter staleServed;
    private final Counter invalidations;
    private final Counter absent;

    /** Every installation id this replica knows of; trusted to be complete only while {@link #idsLoadedAt} is fresh. */
    private final Set<InstallationId> knownIds = ConcurrentHashMap.newKeySet();
    /** When the set was last loaded whole; {@code null}: not loaded, or notifications may have been missed since. */
    private volatile Long idsLoadedAt;

    private final ReentrantLock loadingIds = new ReentrantLock();
    private volatile long nextIdLoadAttempt;
    /** Bumped whenever notifications may have been missed: a load of the set begun before is not complete. */
    private final AtomicLong idEpoch = new AtomicLong();
    /** Where the set is reloaded when it ages: never on a request's thread (100,000 ids take tens of ms to read). */
    private final Executor idLoader;

    @Inject
    public CachingInstallations(
            JdbcInstallations jdbc, CacheConfiguration configuration, @Nullable MeterRegistry meters) {
        this(jdbc, configuration.ttl(), configuration.negativeTtl(), meters, System::nanoTime, backgroundIdLoader());
    }

    /** Tests: the set is reloaded on the calling thread, so what a lookup sees does not depend on timing. */
    CachingInstallations(
            JdbcInstallations jdbc,
            Duration ttl,
            Duration negativeTtl,
            @Nullable MeterRegistry meters,
            LongSupplier nanoTime) {
        this(jdbc, ttl, negativeTtl, meters, nanoTime, Runnable::run);
    }

    /** One daemon thread, one reload at a time; a reload asked for while one is queued or running is dropped. */
    private static Executor backgroundIdLoader() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                1,
                1,
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(1),
                runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-known-ids");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    CachingInstallations(
            JdbcInstallations jdbc,
            Duration ttl,
            Duration negativeTtl,
            @Nullable MeterRegistry meters,
            LongSupplier nanoTime,
            Executor idLoader) {
        this.jdbc = jdbc;
        this.idLoader = idLoader;
        this.ttlNanos = ttl.toNanos();
        this.negativeTtlNanos = Math.min(negativeTtl.toNanos(), ttlNanos);
        this.nanoTime = nanoTime;
        MeterRegistry registry = meters != null ? meters : new CompositeMeterRegistry(); // empty composite: no-op
        String requests = "gatehouse.installations.cache.requests";
        this.hits = registry.counter(requests, "result", "hit");
        this.misses = registry.counter(requests, "result", "miss");
        this.staleServed = registry.counter(requests, "result", "stale");
        this.invalidations = registry.counter("gatehouse.installations.cache.invalidations");
        this.absent = registry.counter(requests, "result", "absent");
        this.nextIdLoadAttempt = nanoTime.getAsLong(); // nanoTime's origin is arbitrary: start from now
    }

    @Override
    public Optional<Installation> findById(InstallationId id) {
        long now = nanoTime.getAsLong();
        Entry entry = found.get(id);
        if (fresh(entry, now)) {
            hits.increment();
            return Optional.of(entry.installation());
        }
        Long missingSince = notFound.get(id);
        if (entry == null && missingSince != null && now - missingSince < negativeTtlNanos) {
            hits.increment();
            return Optional.empty();
        }
        if (entry == null && knownAbsent(id, now)) {
            absent.increment();
            return Optional.empty();
        }
        misses.increment();
        long loadGeneration = generation.get();
        Optional<Installation> loaded;
        try {
            loaded = jdbc.findById(id);
        } catch (StorageUnavailableException e) {
            if (entry != null) {
                staleServed.increment();
                // Serve it without asking the database again for a few seconds: each attempt costs a pool timeout.
                long rearmedAt = nanoTime.getAsLong() - ttlNanos + Math.min(STALE_RETRY_NANOS, ttlNanos);
                found.compute(id, (key, old) -> old == entry ? new Entry(entry.installation(), rearmedAt) : old);
                return Optional.of(entry.installation());
            }
            throw e;
        }
        remember(id, loaded, loadGeneration, nanoTime.getAsLong());
        return loaded;
    }

    /**
     * True when the set of ids is complete and fresh and does not hold this one. An aged set is reloaded in the
     * background; until then lookups ask the database, as before the first load.
     */
    private boolean knownAbsent(InstallationId id, long now) {
        Long loadedAt = idsLoadedAt;
        if (loadedAt == null || now - loadedAt >= ttlNanos) {
            if (now - nextIdLoadAttempt >= 0 && !loadingIds.isLocked()) {
                idLoader.execute(() -> loadIds(nanoTime.getAsLong()));
            }
            loadedAt = idsLoadedAt;
        }
        return loadedAt != null && now - loadedAt < ttlNanos && !knownIds.contains(id);
    }

    /**
     * One thread loads, the others go on to ask the database for their id meanwhile. A failure (the database is down)
     * is tried again after a few seconds, not on every lookup. Loaded ids are added to the set, never replace it: an
     * id heard of while the query ran stays.
     */
    private void loadIds(long now) {
        if (now - nextIdLoadAttempt < 0 || !loadingIds.tryLock()) {
            return;
        }
        try {
            long epoch = idEpoch.get();
            knownIds.addAll(jdbc.allIds());
            // complete unless notifications may have been missed while the query ran (a change heard of is in the set)
            if (idEpoch.get() == epoch) {
                idsLoadedAt = now;
            }
        } catch (StorageUnavailableException e) {
            nextIdLoadAttempt = now + STALE_RETRY_NANOS;
        } finally {
            loadingIds.unlock();
        }
    }

    /**
     * Loads up to {@code max} installations (in registration order) into memory, with the set of ids, so that their
     * first calls after a start cost no query. Entries age like any other: after {@code ttl} the next call reloads.
     * A change heard of while this runs wins over what it loaded. Returns how many it loaded.
     */
    public int preload(int max) {
        long loadGeneration = generation.get();
        loadIds(nanoTime.getAsLong());
        int loaded = 0;
        for (int page = 0; loaded < max; page++) {
            Page<Installation> batch = jdbc.list(page, PRELOAD_PAGE);
            long now = nanoTime.getAsLong();
            for (Installation installation : batch.items()) {
                if (loaded == max) {
                    break;
                }
                remember(installation.id(), Optional.of(installation), loadGeneration, now);
                loaded++;
            }
            if (batch.items().size() < PRELOAD_PAGE) {
                break;
            }
        }
        return loaded;
    }

    @Override
    public Optional<Installation> findInMemory(InstallationId id) {
        Entry entry = found.get(id);
        if (fresh(entry, nanoTime.getAsLong())) {
            hits.increment();
            return Optional.of(entry.installation());
        }
        return Optional.empty();
    }

    private boolean fresh(Entry entry, long now) {
        return entry != null && now - entry.loadedAt() < ttlNanos;
    }

    private void remember(InstallationId id, Optional<Installation> loaded, long loadGeneration, long now) {
        if (loaded.isPresent()) {
            Entry fresh = new Entry(loaded.get(), now);
            found.compute(id, (key, old) -> generation.get() == loadGeneration ? fresh : old);
            notFound.remove(id);
        } else {
            found.remove(id);
            if (generation.get() == loadGeneration) {
                knownIds.remove(id); // gone, as the database says; a change heard of meanwhile keeps it
            }
            if (notFound.size() >= MAX_NEGATIVE_ENTRIES) {
                notFound.clear();
            }
            notFound.compute(id, (key, old) -> generation.get() == loadGeneration ? Long.valueOf(now) : old);
        }
    }

    @Override
    public Page<Installation> list(int page, int size) {
        return jdbc.list(page, size);
    }

    @Override
    public Page<Installation> search(String text, int page, int size) {
        return jdbc.search(text, page, size);
    }

    @Override
    public Installation add(Installation installation) {
        try {
            return jdbc.add(installation);
        } finally {
            invalidate(installation.id());
        }
    }

    @Override
    public Installation update(Installation installation) {
        try {
            return jdbc.update(installation);
        } finally {
            invalidate(installation.id());
        }
    }

    @Override
    public boolean delete(InstallationId id) {
        try {
            return jdbc.delete(id);
        } finally {
            invalidate(id);
        }
    }

    /** Forgets one installation: its next lookup goes to the database. */
    public void invalidate(InstallationId id) {
        generation.incrementAndGet();
        knownIds.add(id); // a change of an id: it may be new, so it must be asked for from now on
        found.remove(id);
        notFound.remove(id);
        invalidations.increment();
    }

    /**
     * After change notifications may have been missed (the listener reconnected): every entry must be read again
     * before it is trusted, but stays to be served if the database is unavailable then, like any expired entry.
     * Forgetting them instead would turn a second outage soon after the first into 503s for every installation.
     */
    public void revalidateAll() {
        generation.incrementAndGet(); // a load begun before now may have read what a missed notification changed
        long expired = nanoTime.getAsLong() - ttlNanos;
        found.replaceAll((id, entry) -> new Entry(entry.installation(), Math.min(entry.loadedAt(), expired)));
        notFound.clear();
        idEpoch.incrementAndGet();
        idsLoadedAt = null; // an installation made meanwhile may be missing from the set: load it again
        invalidations.increment();
    }

    /** Forgets everything, e.g. after a notification it cannot interpret. */
    public void invalidateAll() {
        generation.incrementAndGet();
        found.clear();
        notFound.clear();
        idEpoch.incrementAndGet();
        idsLoadedAt = null;
        invalidations.increment();
    }
}
