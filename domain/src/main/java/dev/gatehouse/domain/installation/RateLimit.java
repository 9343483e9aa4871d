package dev.gatehouse.domain.installation;

/**
 * A token bucket: {@code perSecond} calls a second on average, up to {@code burst} at once. One per installation and
 * replica, so one tenant's flood is answered 429 by its own bucket and never slows the others.
 */
public record RateLimit(int perSecond, int burst) {

    public static final int MAX = 1_000_000;

    public RateLimit {
        if (perSecond < 1 || perSecond > MAX) {
            throw new IllegalArgumentException("per_second must be between 1 and " + MAX);
        }
        if (burst < 1 || burst > MAX) {
            throw new IllegalArgumentException("burst must be between 1 and " + MAX);
        }
        if (burst < perSecond) {
            throw new IllegalArgumentException("burst must be at least per_second (" + perSecond + ")");
        }
    }

    /** {@code perSecond} a second with a burst of twice that. */
    public static RateLimit perSecond(int perSecond) {
        return new RateLimit(perSecond, (int) Math.min(MAX, 2L * perSecond));
    }
}
