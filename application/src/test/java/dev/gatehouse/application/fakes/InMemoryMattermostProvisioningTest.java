package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.MattermostProvisioningContract;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.MattermostProvisioning;

class InMemoryMattermostProvisioningTest extends MattermostProvisioningContract {

    private static final SiteUrl SITE = SiteUrl.of("https://chat.example.com");

    private final InMemoryMattermostProvisioning provisioning = new InMemoryMattermostProvisioning();

    @Override
    protected MattermostProvisioning provisioning() {
        return provisioning;
    }

    @Override
    protected InMemoryMattermostServer server() {
        return provisioning.server();
    }

    @Override
    protected SiteUrl baseUrl() {
        return SITE;
    }

    @Override
    protected void serverFails() {
        provisioning.server().failWith("Mattermost answered HTTP 500.");
    }

    @Override
    protected void serverIsUnreachable() {
        provisioning.server().failWith("Could not reach Mattermost at " + SITE + ".");
    }
}
