package dev.gatehouse.application.call;

import dev.gatehouse.domain.audit.RefusalCount;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refusals without a valid credential, counted in memory per installation, reason and minute until the next write:
 * a flood of them costs one map update per request and a few statements per minute. Bounded: past
 * {@code maxKeys} distinct counts, a refusal that would start another is not counted (and the caller says so).
 */
public final class RefusalTally {

    private record Key(InstallationId installationId, RejectionReason reason, Instant minute) {
        static Key of(RefusalCount count) {
            return new Key(count.installationId(), count.reason(), count.minute());
        }
    }

    private final ConcurrentHashMap<Key, RefusalCount> counts = new ConcurrentHashMap<>();
    private final int maxKeys;

    public RefusalTally(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.maxKeys = maxKeys;
    }

    /** @return false when the tally is full and the refusal was not counted */
    public boolean add(InstallationId installationId, RejectionReason reason, Instant at) {
        return add(RefusalCount.of(installationId, reason, at));
    }

    /** Puts counts back, e.g. after a write failed; answers how many refusals did not fit (0 when all did). */
    public long addAll(Collection<RefusalCount> more) {
        long left = 0;
        for (RefusalCount count : more) {
            if (!add(count)) {
                left += count.count();
            }
        }
        return left;
    }

    private boolean add(RefusalCount count) {
        Key key = Key.of(count);
        // The size check races with other adders by a few entries at most: a bound, not an exact limit.
        if (counts.size() >= maxKeys && !counts.containsKey(key)) {
            return false;
        }
        counts.merge(key, count, RefusalCount::plus);
        return true;
    }

    /** Takes everything counted so far; refusals counted meanwhile are kept for the next drain. */
    public List<RefusalCount> drain() {
        List<RefusalCount> drained = new ArrayList<>();
        for (Key key : counts.keySet()) {
            RefusalCount count = counts.remove(key);
            if (count != null) {
                drained.add(count);
            }
        }
        return drained;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }
}
