package dev.gatehouse.domain.call;

/** A Mattermost user as its REST API describes it ({@code GET /api/v4/users/{id}}); {@code roles} space-separated. */
public record MattermostUser(String id, String username, String roles, boolean bot) {

    public MattermostUser {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("user id is required");
        }
        username = username == null ? "" : username;
        roles = roles == null ? "" : roles;
    }

    public boolean isSystemAdmin() {
        return asActingUser().isSystemAdmin();
    }

    public ActingUser asActingUser() {
        return new ActingUser(id, username, roles);
    }
}
