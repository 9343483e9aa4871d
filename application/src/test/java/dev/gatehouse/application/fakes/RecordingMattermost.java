package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import java.util.ArrayList;
import java.util.List;

/** In-memory fake of the Mattermost port: records what was sent, or fails like an unreachable server when told to. */
public final class RecordingMattermost implements Mattermost {

    public record DirectMessage(MattermostSession session, String botUserId, String userId, String message) {
    }

    private final List<DirectMessage> sent = new ArrayList<>();
    private volatile String failure;

    @Override
    public synchronized void sendDirectMessage(MattermostSession asBot, String botUserId, String userId, String message) {
        if (failure != null) {
            throw new MattermostException(failure);
        }
        sent.add(new DirectMessage(asBot, botUserId, userId, message));
    }

    /** From now on every call fails with this message; null heals. */
    public void failWith(String message) {
        this.failure = message;
    }

    public synchronized List<DirectMessage> sent() {
        return List.copyOf(sent);
    }
}
