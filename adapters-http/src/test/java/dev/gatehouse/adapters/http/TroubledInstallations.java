package dev.gatehouse.adapters.http;

import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The in-memory fake with trouble on request: a database outage, an unexpected driver failure, a database that hangs
 * (every call blocks until released), or another writer that changes the row between a use case's read and its
 * update (so the optimistic lock refuses the update).
 */
public final class TroubledInstallations implements Installations {

    private final InMemoryInstallations stored = new InMemoryInstallations();
    private volatile boolean outage;
    private volatile RuntimeException failure;
    private volatile boolean raceNextUpdate;
    private volatile CountDownLatch hanging;

    public void outage(boolean on) {
        outage = on;
    }

    /** Every call throws {@code failure} until called again with null. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Every call blocks, as on a silently partitioned database, until {@link #release()}. */
    public void hang() {
        hanging = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch gate = hanging;
        hanging = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    public void raceNextUpdate() {
        raceNextUpdate = true;
    }

    public void reset() {
        release();
        outage = false;
        failure = null;
        raceNextUpdate = false;
    }

    private void trouble() {
        CountDownLatch gate = hanging;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outage) {
            throw new StorageUnavailableException("connection refused", new ConnectException("127.0.0.1:5432"));
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    @Override
    public Optional<Installation> findById(InstallationId id) {
        trouble();
        return stored.findById(id);
    }

    @Override
    public Page<Installation> list(int page, int size) {
        trouble();
        return stored.list(page, size);
    }

    @Override
    public Page<Installation> search(String text, int page, int size) {
        trouble();
        return stored.search(text, page, size);
    }

    @Override
    public Installation add(Installation installation) {
        trouble();
        return stored.add(installation);
    }

    @Override
    public Installation update(Installation installation) {
        trouble();
        if (raceNextUpdate) {
            raceNextUpdate = false;
            // the other writer: same row, saved first, so the version our caller read is stale
            stored.findById(installation.id())
                    .ifPresent(current ->
                            stored.update(current.rename(current.name() + " (renamed meanwhile)", Instant.now())));
        }
        return stored.update(installation);
    }

    @Override
    public boolean delete(InstallationId id) {
        trouble();
        return stored.delete(id);
    }
}
