package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;

/** What an operator's change to an installation came to. */
public sealed interface ChangeResult {

    record Changed(Installation installation) implements ChangeResult {}

    /** A new secret was made; it is shown this once. */
    record SecretIssued(Installation installation, Secret secret) implements ChangeResult {
        @Override
        public String toString() {
            return "SecretIssued[" + installation + ", secret=redacted]";
        }
    }

    record Deleted(InstallationId id) implements ChangeResult {}

    record NotFound(InstallationId id) implements ChangeResult {}

    /** Someone else changed the installation since it was read; nothing was applied. */
    record Conflict(InstallationId id) implements ChangeResult {}

    /** The change cannot be made as asked; {@code detail} says why and what to do (never a token). */
    record Refused(InstallationId id, String detail) implements ChangeResult {}

    /** Mattermost could not be reached or failed; nothing was changed in Gatehouse. */
    record MattermostFailed(InstallationId id, String detail) implements ChangeResult {}

    /** An operator-chosen secret shorter than {@link Secret#STRONG_LENGTH} while weak secrets are not allowed. */
    record WeakSecretRefused(InstallationId id) implements ChangeResult {}
}
