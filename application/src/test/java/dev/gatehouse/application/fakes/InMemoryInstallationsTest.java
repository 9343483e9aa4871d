package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.InstallationsContract;
import dev.gatehouse.domain.port.Installations;

class InMemoryInstallationsTest extends InstallationsContract {

    private final InMemoryInstallations installations = new InMemoryInstallations();

    @Override
    protected Installations installations() {
        return installations;
    }
}
