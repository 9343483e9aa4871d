package dev.gatehouse.domain.provisioning;

/** A team on a Mattermost server: {@code name} is the URL name, {@code displayName} what users see. */
public record MattermostTeam(String id, String name, String displayName) {

    public MattermostTeam {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("team id is required");
        }
        name = name == null ? "" : name;
        displayName = displayName == null ? "" : displayName;
    }
}
