package dev.gatehouse.application.slash;

/**
 * A custom slash command as Mattermost posts it to {@code /i/{id}/command} (CLASSIC.md §1), before it is authenticated.
 * {@code authorization} is the {@code Authorization} header as sent (Mattermost: {@code Token <token>}), {@code token}
 * the form field; either may be null. toString never shows a token or the trigger id.
 */
public record SlashCommandRequest(
        String installationId,
        String authorization,
        String token,
        String teamId,
        String channelId,
        String userId,
        String userName,
        String text,
        String triggerId) {

    public SlashCommandRequest {
        text = text == null ? "" : text;
    }

    /** The first word of what follows the trigger, lower-cased by the catalog; empty when nothing does. */
    public String firstWord() {
        String stripped = text.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }

    @Override
    public String toString() {
        return "SlashCommandRequest[installationId=" + installationId + ", teamId=" + teamId + ", channelId="
                + channelId + ", userId=" + userId + ", text=" + text + ", authorization=redacted, token=redacted]";
    }
}
