package dev.gatehouse.domain.oauth2;

/** Who the user is at the provider. */
public record UserProfile(String username) {

    public UserProfile {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
    }
}
