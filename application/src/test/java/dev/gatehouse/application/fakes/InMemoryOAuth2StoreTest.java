package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.OAuth2StoreContract;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.port.OAuth2Store;

class InMemoryOAuth2StoreTest extends OAuth2StoreContract {

    private final InMemoryOAuth2Store store = new InMemoryOAuth2Store();

    @Override
    protected OAuth2Store store() {
        return store;
    }

    @Override
    protected Installation anInstallation() {
        return InstallationFixtures.anActive();
    }
}
