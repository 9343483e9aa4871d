package dev.gatehouse.domain.provisioning;

import java.util.Objects;

/** A token Mattermost just issued (a user access token, or a slash command's token) and its id when it has one. */
public record IssuedToken(String id, String token) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", token=redacted]";
    }
}
