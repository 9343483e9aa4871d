package dev.gatehouse.domain.port;

import dev.gatehouse.domain.installation.InstallationId;
import java.util.function.Supplier;

/**
 * Single flight across replicas: while one caller refreshes a user's provider token, others for the same installation
 * and user wait, so one refresh token is never redeemed twice.
 */
public interface TokenRefreshLock {

    /** Runs {@code work} holding the lock for this installation and user. */
    <T> T exclusively(InstallationId installation, String userId, Supplier<T> work);
}
