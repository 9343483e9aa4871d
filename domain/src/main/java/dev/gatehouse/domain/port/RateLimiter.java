package dev.gatehouse.domain.port;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;

/** Token buckets, one per installation, in this replica's memory: fairness between tenants, not a global quota. */
public interface RateLimiter {

    /**
     * Takes one token from the installation's bucket, which follows {@code limit} (a changed limit takes effect at
     * once). False when the bucket is empty: the call is refused, and costs nothing more.
     */
    boolean tryAcquire(InstallationId installation, RateLimit limit);
}
