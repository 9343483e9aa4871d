package dev.gatehouse.domain.call;

import java.util.Arrays;
import java.util.Objects;

/**
 * The Mattermost user a call acts for, as expanded in {@code context.acting_user}. {@code roles} is Mattermost's
 * space-separated role list (only present at the {@code summary} level and above).
 */
public record ActingUser(String id, String username, String roles) {

    public static final String SYSTEM_ADMIN_ROLE = "system_admin";

    public ActingUser {
        Objects.requireNonNull(id, "acting user id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("acting user id must not be blank");
        }
        username = username == null ? "" : username;
        roles = roles == null ? "" : roles;
    }

    public boolean isSystemAdmin() {
        return Arrays.asList(roles.trim().split("\\s+")).contains(SYSTEM_ADMIN_ROLE);
    }
}
