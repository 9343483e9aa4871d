package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.TokenRefreshLockContract;
import dev.gatehouse.domain.port.TokenRefreshLock;

class InMemoryTokenRefreshLockTest extends TokenRefreshLockContract {

    private final InMemoryTokenRefreshLock lock = new InMemoryTokenRefreshLock();

    @Override
    protected TokenRefreshLock lock() {
        return lock;
    }
}
