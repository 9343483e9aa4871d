package dev.gatehouse.domain.call;

import dev.gatehouse.domain.installation.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What Gatehouse signs into the {@code state} of a dialog or an OAuth2 link on the slash-command ingress
 * (CLASSIC.md §2): Mattermost authenticates neither the dialog submission nor the browser, so the state does. Bound to
 * the installation, the Mattermost user and a purpose; short-lived; the random nonce makes the OAuth2 callback single
 * use.
 */
public record SignedState(
        InstallationId installationId, String userId, Purpose purpose, Instant expiresAt, String nonce) {

    /** A state is good for at most this long. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    public enum Purpose {
        CONFIGURE,
        CONNECT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SignedState {
        Objects.requireNonNull(installationId, "installationId");
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a state names its Mattermost user");
        }
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (nonce == null || nonce.isBlank()) {
            throw new IllegalArgumentException("a state carries a nonce");
        }
    }
}
