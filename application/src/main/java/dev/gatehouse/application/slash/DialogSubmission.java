package dev.gatehouse.application.slash;

import java.util.Map;
import java.util.TreeSet;

/**
 * What Mattermost posts to {@code /i/{id}/dialog} when a user submits or cancels a dialog (CLASSIC.md §1). Nothing in it
 * is authenticated but Gatehouse's own {@code state}. {@code submission} holds the form's text values (a client secret,
 * so toString names only the keys).
 */
public record DialogSubmission(
        String installationId,
        String callbackId,
        String state,
        String userId,
        String channelId,
        String teamId,
        Map<String, String> submission,
        boolean cancelled) {

    public DialogSubmission {
        submission = submission == null ? Map.of() : Map.copyOf(submission);
    }

    @Override
    public String toString() {
        return "DialogSubmission[installationId=" + installationId + ", callbackId=" + callbackId + ", userId=" + userId
                + ", submission=" + new TreeSet<>(submission.keySet()) + ", cancelled=" + cancelled
                + ", state=redacted]";
    }
}
