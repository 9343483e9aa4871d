package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.contract.MattermostProvisioningContract;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.MattermostProvisioning;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.client.HttpClient;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The provisioning contract for the REST client, over real HTTP against a Mattermost server without the Apps plugin. */
class HttpMattermostProvisioningContractTest extends MattermostProvisioningContract {

    private final FakeClassicMattermost server = new FakeClassicMattermost();
    private final HttpClient client = HttpClient.create(null, clientConfiguration());
    private final HttpMattermostProvisioning provisioning =
            new HttpMattermostProvisioning(new MattermostRest(client, new CallMetrics(new SimpleMeterRegistry())));

    HttpMattermostProvisioningContractTest() throws IOException {}

    private static MattermostClientConfiguration clientConfiguration() {
        MattermostClientConfiguration configuration = new MattermostClientConfiguration();
        configuration.setConnectTimeout(Duration.ofSeconds(2));
        configuration.setReadTimeout(Duration.ofSeconds(5));
        return configuration;
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected MattermostProvisioning provisioning() {
        return provisioning;
    }

    @Override
    protected InMemoryMattermostServer server() {
        return server.server();
    }

    @Override
    protected SiteUrl baseUrl() {
        return server.siteUrl();
    }

    @Override
    protected void serverFails() {
        server.mode(FakeMattermost.Mode.FAIL_500);
    }

    @Override
    protected void serverIsUnreachable() {
        server.close();
    }
}
