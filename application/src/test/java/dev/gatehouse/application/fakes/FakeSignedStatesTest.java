package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.SignedStatesContract;
import dev.gatehouse.domain.port.SignedStates;

class FakeSignedStatesTest extends SignedStatesContract {

    private final FakeSignedStates states = new FakeSignedStates();

    @Override
    protected SignedStates states() {
        return states;
    }
}
