package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.StateNoncesContract;
import dev.gatehouse.domain.port.StateNonces;

class InMemoryStateNoncesTest extends StateNoncesContract {

    private final InMemoryStateNonces nonces = new InMemoryStateNonces();

    @Override
    protected StateNonces nonces() {
        return nonces;
    }
}
