package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.sealing.AesGcmSecretCipher;
import dev.gatehouse.application.contract.MattermostContract;
import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.SecretCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The port contract for the REST client, over real HTTP against a Mattermost server with the Apps plugin. */
class HttpMattermostContractTest extends MattermostContract {

    private static final SecretCipher CIPHER =
            new AesGcmSecretCipher(Base64.getEncoder().encodeToString(new byte[32]), null);

    private final FakeMattermost server = new FakeMattermost("contract");
    private final HttpClient client = HttpClient.create(null, clientConfiguration());
    private final HttpMattermost mattermost = new HttpMattermost(
            new MattermostRest(client, new CallMetrics(new SimpleMeterRegistry())),
            new SealedOAuth2(CIPHER, JsonMapper.createDefault()));

    HttpMattermostContractTest() throws IOException {}

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
    protected Mattermost mattermost() {
        return mattermost;
    }

    @Override
    protected MattermostSession botSession() {
        return session(server.botToken);
    }

    @Override
    protected String botUserId() {
        return server.botUserId;
    }

    @Override
    protected MattermostSession userSession(String userId) {
        return session(server.userToken(userId, false));
    }

    @Override
    protected MattermostSession adminSession(String userId) {
        return session(server.userToken(userId, true));
    }

    @Override
    protected List<String> directMessagesTo(String userId) {
        return server.directMessagesTo(userId);
    }

    @Override
    protected Optional<String> storedClientId() {
        return server.storedOAuth2ClientId();
    }

    @Override
    protected String triggerId(String userId) {
        return server.users().issueTrigger(userId);
    }

    @Override
    protected String expiredTriggerId(String userId) {
        String triggerId = server.users().issueTrigger(userId);
        server.users().expireTrigger(triggerId);
        return triggerId;
    }

    @Override
    protected List<Dialog> dialogsOpenedFor(String userId) {
        return server.users().dialogs().stream()
                .filter(opened -> opened.userId().equals(userId))
                .map(InMemoryMattermostServer.OpenedDialog::dialog)
                .toList();
    }

    @Override
    protected void serverFails() {
        server.mode(FakeMattermost.Mode.FAIL_500);
    }

    @Override
    protected void serverIsUnreachable() {
        server.close();
    }

    private MattermostSession session(String token) {
        return new MattermostSession(SiteUrl.of(server.url()), token);
    }
}
