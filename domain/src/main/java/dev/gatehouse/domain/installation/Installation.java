package dev.gatehouse.domain.installation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** The slash-command ingress (servers without the Apps framework): the bot and one command per team. */
    private final BotAccount bot;

    private final List<SlashCommand> slashCommands;
    /** The operator's own limit for this installation; null: the service default. */
    private final RateLimit rateLimit;
    /** When the current secret was made or chosen: its age tells operators which servers are due a rotation. */
    private final Instant secretSetAt;

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
            long version,
            BotAccount bot,
            List<SlashCommand> slashCommands,
            RateLimit rateLimit,
            Instant secretSetAt) {
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
        this.bot = bot;
        this.slashCommands = checkSlashCommands(slashCommands);
        this.rateLimit = rateLimit;
        this.secretSetAt = Objects.requireNonNull(secretSetAt, "secretSetAt");
    }

    /** A new, active installation. */
    public static Installation create(
            InstallationId id, String name, SiteUrl siteUrl, SiteUrl apiUrl, Secret secret, Instant now) {
        return new Installation(
                id,
                name,
                siteUrl,
                apiUrl,
                InstallationStatus.ACTIVE,
                secret,
                null,
                null,
                null,
                null,
                now,
                now,
                0,
                null,
                List.of(),
                null,
                now);
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
            long version,
            BotAccount bot,
            List<SlashCommand> slashCommands,
            RateLimit rateLimit,
            Instant secretSetAt) {
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
                version,
                bot,
                slashCommands,
                rateLimit,
                secretSetAt == null ? createdAt : secretSetAt);
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
        // Bidi overrides and zero-width characters make a name read differently from what it is; line and
        // paragraph separators break the one line it is shown on.
        if (stripped.codePoints().anyMatch(Installation::invisibleOrBreaking)) {
            throw new IllegalArgumentException(
                    "name must not contain invisible formatting characters (bidi controls, zero-width characters)"
                            + " or line separators");
        }
        return stripped;
    }

    private static boolean invisibleOrBreaking(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Renamed; this same installation when the name does not change (so nothing is written). */
    public Installation rename(String newName, Instant now) {
        if (checkName(newName).equals(name)) {
            return this;
        }
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
                version,
                bot,
                slashCommands,
                rateLimit,
                secretSetAt);
    }

    public Installation disable(Instant now) {
        return withStatus(InstallationStatus.DISABLED, now);
    }

    public Installation enable(Instant now) {
        return withStatus(InstallationStatus.ACTIVE, now);
    }

    private Installation withStatus(InstallationStatus newStatus, Instant now) {
        if (newStatus == status) {
            return this;
        }
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
                version,
                bot,
                slashCommands,
                rateLimit,
                secretSetAt);
    }

    /** Sets or clears (null) the internal URL Gatehouse uses to reach this Mattermost server. */
    public Installation changeApiUrl(SiteUrl newApiUrl, Instant now) {
        if (Objects.equals(newApiUrl, apiUrl)) {
            return this;
        }
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
                version,
                bot,
                slashCommands,
                rateLimit,
                secretSetAt);
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
                version,
                bot,
                slashCommands,
                rateLimit,
                now);
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
                version,
                bot,
                slashCommands,
                rateLimit,
                now);
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
                version,
                bot,
                slashCommands,
                rateLimit,
                secretSetAt);
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
                version,
                bot,
                slashCommands,
                rateLimit,
                secretSetAt);
    }

    /** Takes over a bot account (made by provisioning or by hand); replaces the one held before. */
    public Installation adoptBot(BotAccount newBot, Instant now) {
        Objects.requireNonNull(newBot, "bot");
        return withSlashCommandSetup(newBot, slashCommands, now);
    }

    public Installation forgetBot(Instant now) {
        return withSlashCommandSetup(null, slashCommands, now);
    }

    /** Takes over a team's slash command; replaces the one held for that team before. */
    public Installation adoptSlashCommand(SlashCommand command, Instant now) {
        Objects.requireNonNull(command, "command");
        List<SlashCommand> changed = new ArrayList<>(slashCommands);
        changed.removeIf(c -> c.teamId().equals(command.teamId()));
        changed.add(command);
        return withSlashCommandSetup(bot, changed, now);
    }

    public Installation forgetSlashCommand(String teamId, Instant now) {
        List<SlashCommand> changed = new ArrayList<>(slashCommands);
        changed.removeIf(c -> c.teamId().equals(teamId));
        return withSlashCommandSetup(bot, changed, now);
    }

    private Installation withSlashCommandSetup(BotAccount newBot, List<SlashCommand> commands, Instant now) {
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
                now,
                version,
                newBot,
                commands,
                rateLimit,
                secretSetAt);
    }

    /**
     * The slash command whose token this is. Every command's digest is compared, so the time taken does not tell which
     * team's token (or how much of one) was guessed.
     */
    public Optional<SlashCommand> slashCommandFor(String presentedToken) {
        if (presentedToken == null || slashCommands.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = SlashCommand.sha256(presentedToken);
        SlashCommand matched = null;
        for (SlashCommand command : slashCommands) {
            if (command.hasDigest(digest)) {
                matched = command;
            }
        }
        return Optional.ofNullable(matched);
    }

    private static List<SlashCommand> checkSlashCommands(List<SlashCommand> commands) {
        List<SlashCommand> sorted = new ArrayList<>(commands == null ? List.of() : commands);
        sorted.sort(Comparator.comparing(SlashCommand::teamId));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).teamId().equals(sorted.get(i - 1).teamId())) {
                throw new IllegalArgumentException(
                        "two slash commands for team " + sorted.get(i).teamId());
            }
        }
        return List.copyOf(sorted);
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

    /** The operator's own rate limit for this installation; empty: the service default applies. */
    public Optional<RateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** Its own rate limit, or none (null) to follow the service default; this same installation if unchanged. */
    public Installation changeRateLimit(RateLimit newRateLimit, Instant now) {
        if (Objects.equals(newRateLimit, rateLimit)) {
            return this;
        }
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
                now,
                version,
                bot,
                slashCommands,
                newRateLimit,
                secretSetAt);
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

    public Instant secretSetAt() {
        return secretSetAt;
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

    public Optional<BotAccount> bot() {
        return Optional.ofNullable(bot);
    }

    /** One per team, ordered by team id. */
    public List<SlashCommand> slashCommands() {
        return slashCommands;
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
