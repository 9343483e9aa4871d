package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.PreviousSecret;
import dev.gatehouse.domain.installation.SiteUrl;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An installation as the admin API shows it: everything but its secrets. Absent facts are {@code null}. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InstallationJson(
        String id,
        String name,
        String siteUrl,
        @Nullable String apiUrl,
        String status,
        boolean weakSecret,
        @Nullable String previousSecretExpiresAt,
        @Nullable String botUserId,
        @Nullable String installedAt,
        @Nullable String uninstalledAt,
        String createdAt,
        String updatedAt,
        long version,
        String manifestUrl,
        String installCommand,
        SlashCommandsJson slashCommands,
        @Nullable RateLimitJson rateLimit) {

    /** The slash-command ingress: the bot and the teams whose command Gatehouse holds — never a token. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlashCommandsJson(@Nullable String botUserId, List<TeamJson> teams) {}

    /** The installation's own rate limit; {@code null}: the service default applies. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RateLimitJson(int perSecond, int burst) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TeamJson(String teamId, @Nullable String teamName) {}

    static InstallationJson of(Installation installation, PublicUrl publicUrl) {
        return new InstallationJson(
                installation.id().toString(),
                installation.name(),
                installation.siteUrl().value(),
                installation.apiUrl().map(SiteUrl::value).orElse(null),
                installation.status().name().toLowerCase(Locale.ROOT),
                installation.hasWeakSecret(),
                installation
                        .previousSecret()
                        .map(PreviousSecret::acceptedUntil)
                        .map(Instant::toString)
                        .orElse(null),
                installation.botUserId().orElse(null),
                installation.installedAt().map(Instant::toString).orElse(null),
                installation.uninstalledAt().map(Instant::toString).orElse(null),
                installation.createdAt().toString(),
                installation.updatedAt().toString(),
                installation.version(),
                publicUrl.manifestUrl(installation.id()),
                publicUrl.installCommand(installation.id()),
                new SlashCommandsJson(
                        installation.bot().map(BotAccount::userId).orElse(null),
                        installation.slashCommands().stream()
                                .map(command -> new TeamJson(command.teamId(), command.teamName()))
                                .toList()),
                installation
                        .rateLimit()
                        .map(limit -> new RateLimitJson(limit.perSecond(), limit.burst()))
                        .orElse(null));
    }
}
