package dev.gatehouse.domain.installation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Mattermost server that installs the app, with the secret it signs calls with.
 *
 * <p>Immutable: every change returns a new instance, so a cached installation can be shared across
 * request threads and a change is only visible once it has been saved. {@code version} is the
 * optimistic-lock version of the stored state this instance was derived from.
 */
public final class Installation {

    public static final int MAX_NAME_LENGTH = 100;
    /** Longest grace window a rotation may keep the previous secret alive for. */
    public static final Duration MAX_GRACE = Duration.ofDays(30);

    private final InstallationId id;
    private final String name;
    private final SiteUrl siteUrl;
    private final SiteUrl apiUrl;
    private final InstallationStatus status;
    private final Secret secret;
    private final PreviousSecret previousSecret;
    private final String botUserId;
    private final Instant installedAt;
    private final Instant uninstalledAt;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private Installation(
            InstallationId id,
            String name,
            SiteUrl siteUrl,
            SiteUrl apiUrl,
            InstallationStatus status,
            Secret secret,
            PreviousSecret previousSecret,
            String botUserId,
            Instant installedAt,
            Instant uninstalledAt,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = checkName(name);
        this.siteUrl = Objects.requireNonNull(siteUrl, "site URL is required");
        this.apiUrl = apiUrl;
        this.status = Objects.requireNonNull(status, "status");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.previousSecret = previousSecret;
        this.botUserId = botUserId;
        this.installedAt = installedAt;
        this.uninstalledAt = uninstalledAt;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /** A new, active installation. */
    public static Installation create(
            InstallationId id, String name, SiteUrl siteUrl, SiteUrl apiUrl, Secret secret, Instant now) {
        return new Installation(
                id, name, siteUrl, apiUrl, InstallationStatus.ACTIVE, secret, null, null, null, null, now, now, 0);
    }

    /** Rebuilds stored state; for persistence adapters only. */
    public static Installation restore(
            InstallationId id,
            String name,
            SiteUrl siteUrl,
            SiteUrl apiUrl,
            InstallationStatus status,
            Secret secret,
            PreviousSecret previousSecret,
            String botUserId,
            Instant installedAt,
            Instant uninstalledAt,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                status,
                secret,
                previousSecret,
                botUserId,
                installedAt,
                uninstalledAt,
                createdAt,
                updatedAt,
                version);
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must not contain control characters");
        }
        return stripped;
    }

    public Installation rename(String newName, Instant now) {
        return new Installation(
                id,
                newName,
                siteUrl,
                apiUrl,
                status,
                secret,
                previousSecret,
                botUserId,
                installedAt,
                uninstalledAt,
                createdAt,
                now,
                version);
    }

    public Installation disable(Instant now) {
        return withStatus(InstallationStatus.DISABLED, now);
    }

    public Installation enable(Instant now) {
        return withStatus(InstallationStatus.ACTIVE, now);
    }

    private Installation withStatus(InstallationStatus newStatus, Instant now) {
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                newStatus,
                secret,
                previousSecret,
                botUserId,
                installedAt,
                uninstalledAt,
                createdAt,
                now,
                version);
    }

    /** Sets or clears (null) the internal URL Gatehouse uses to reach this Mattermost server. */
    public Installation changeApiUrl(SiteUrl newApiUrl, Instant now) {
        return new Installation(
                id,
                name,
                siteUrl,
                newApiUrl,
                status,
                secret,
                previousSecret,
                botUserId,
                installedAt,
                uninstalledAt,
                createdAt,
                now,
                version);
    }

    /**
     * Replaces the secret; the current one stays accepted for {@code grace} (zero revokes it at once).
     * A previous secret still inside its own window is dropped: only one old secret is ever accepted.
     */
    public Installation rotateSecret(Secret newSecret, Instant now, Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        if (grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("grace must be at most " + MAX_GRACE.toDays() + " days");
        }
        PreviousSecret previous = grace.isZero() ? null : new PreviousSecret(secret, now.plus(grace));
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                status,
                newSecret,
                previous,
                botUserId,
                installedAt,
                uninstalledAt,
                createdAt,
                now,
                version);
    }

    /** Adopts an operator-chosen secret (the one a server was installed with); the old one stops at once. */
    public Installation replaceSecret(Secret chosen, Instant now) {
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                status,
                chosen,
                null,
                botUserId,
                installedAt,
                uninstalledAt,
                createdAt,
                now,
                version);
    }

    public Installation recordInstall(String newBotUserId, Instant now) {
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                status,
                secret,
                previousSecret,
                newBotUserId == null || newBotUserId.isBlank() ? botUserId : newBotUserId,
                now,
                null,
                createdAt,
                now,
                version);
    }

    public Installation recordUninstall(Instant now) {
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                status,
                secret,
                previousSecret,
                botUserId,
                installedAt,
                now,
                createdAt,
                now,
                version);
    }

    /** The secrets a call may be signed with at {@code now}: the current one, then a previous one in its window. */
    public List<Secret> acceptedSecrets(Instant now) {
        List<Secret> accepted = new ArrayList<>(2);
        accepted.add(secret);
        if (previousSecret != null && previousSecret.acceptedAt(now)) {
            accepted.add(previousSecret.secret());
        }
        return List.copyOf(accepted);
    }

    public boolean isActive() {
        return status == InstallationStatus.ACTIVE;
    }

    /** Where Gatehouse sends REST calls to this server: the internal API URL if set, else the site URL. */
    public SiteUrl restBaseUrl() {
        return apiUrl != null ? apiUrl : siteUrl;
    }

    public InstallationId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public SiteUrl siteUrl() {
        return siteUrl;
    }

    public Optional<SiteUrl> apiUrl() {
        return Optional.ofNullable(apiUrl);
    }

    public InstallationStatus status() {
        return status;
    }

    public Secret secret() {
        return secret;
    }

    public boolean hasWeakSecret() {
        return secret.isWeak();
    }

    public Optional<PreviousSecret> previousSecret() {
        return Optional.ofNullable(previousSecret);
    }

    public Optional<String> botUserId() {
        return Optional.ofNullable(botUserId);
    }

    public Optional<Instant> installedAt() {
        return Optional.ofNullable(installedAt);
    }

    public Optional<Instant> uninstalledAt() {
        return Optional.ofNullable(uninstalledAt);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Installation other && id.equals(other.id) && version == other.version;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Installation[id=" + id + ", name=" + name + ", siteUrl=" + siteUrl + ", status=" + status + ", version="
                + version + "]";
    }
}
