package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.port.RateLimiter;
import java.util.Optional;

/**
 * The per-installation rate limit, applied once a request is proven to come from the installation's Mattermost
 * (after its token or command token checks out): an outsider who knows an installation id cannot spend its tokens,
 * and a tenant's own flood is refused by its own bucket. The installation's own limit wins over the service default;
 * with neither, there is no limit.
 */
public final class RateLimits {

    private final RateLimiter limiter;
    private final Optional<RateLimit> serviceDefault;

    public RateLimits(RateLimiter limiter, Optional<RateLimit> serviceDefault) {
        this.limiter = limiter;
        this.serviceDefault = serviceDefault;
    }

    /** No limit at all (tests of other steps, and a service run with rate limiting off). */
    public static RateLimits none() {
        return new RateLimits((installation, limit) -> true, Optional.empty());
    }

    public <T> Admission<T> admit(Installation installation, T admitted) {
        Optional<RateLimit> limit = installation.rateLimit().or(() -> serviceDefault);
        if (limit.isEmpty() || limiter.tryAcquire(installation.id(), limit.get())) {
            return Admission.admitted(admitted);
        }
        return Admission.refused(RejectionReason.RATE_LIMITED);
    }
}
