package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.MattermostContract;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.Mattermost;
import java.util.List;
import java.util.Optional;

class RecordingMattermostTest extends MattermostContract {

    private static final SiteUrl SITE = SiteUrl.of("https://chat.example.com");

    private final RecordingMattermost mattermost = new RecordingMattermost().botSession("bot-session", "bot1");

    @Override
    protected Mattermost mattermost() {
        return mattermost;
    }

    @Override
    protected MattermostSession botSession() {
        return new MattermostSession(SITE, "bot-session");
    }

    @Override
    protected String botUserId() {
        return "bot1";
    }

    @Override
    protected MattermostSession userSession(String userId) {
        mattermost.userSession("user-session-" + userId, userId);
        return new MattermostSession(SITE, "user-session-" + userId);
    }

    @Override
    protected MattermostSession adminSession(String userId) {
        mattermost.adminSession("admin-session-" + userId, userId);
        return new MattermostSession(SITE, "admin-session-" + userId);
    }

    @Override
    protected List<String> directMessagesTo(String userId) {
        return mattermost.sent().stream()
                .filter(dm -> dm.botUserId().equals("bot1") && dm.userId().equals(userId))
                .map(RecordingMattermost.DirectMessage::message)
                .toList();
    }

    @Override
    protected Optional<String> storedClientId() {
        List<RecordingMattermost.StoredApp> apps = mattermost.apps();
        return apps.isEmpty()
                ? Optional.empty()
                : Optional.of(apps.get(apps.size() - 1).client().clientId());
    }

    @Override
    protected String triggerId(String userId) {
        return mattermost.server().issueTrigger(userId);
    }

    @Override
    protected String expiredTriggerId(String userId) {
        String triggerId = mattermost.server().issueTrigger(userId);
        mattermost.server().expireTrigger(triggerId);
        return triggerId;
    }

    @Override
    protected List<Dialog> dialogsOpenedFor(String userId) {
        return mattermost.server().dialogs().stream()
                .filter(opened -> opened.userId().equals(userId))
                .map(InMemoryMattermostServer.OpenedDialog::dialog)
                .toList();
    }

    @Override
    protected void serverFails() {
        mattermost.failWith("Mattermost answered HTTP 500.");
    }

    @Override
    protected void serverIsUnreachable() {
        mattermost.failWith("Could not reach Mattermost at " + SITE + ".");
    }
}
