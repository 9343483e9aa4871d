package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.PreviousSecret;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.installation.SlashCommand;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** An installation as the console shows it: everything but its secrets, times in UTC, how it is connected in words. */
public record InstallationView(
        String id,
        String name,
        String siteUrl,
        @Nullable String apiUrl,
        boolean active,
        String status,
        boolean weakSecret,
        String secretAge,
        String secretSetAt,
        @Nullable String previousSecretUntil,
        String connection,
        @Nullable String botUserId,
        List<String> teams,
        String createdAt,
        String updatedAt,
        String manifestUrl,
        String installCommand) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static InstallationView of(Installation installation, PublicUrl publicUrl, Instant now) {
        List<String> teams = installation.slashCommands().stream()
                .map(InstallationView::team)
                .toList();
        return new InstallationView(
                installation.id().toString(),
                installation.name(),
                installation.siteUrl().value(),
                installation.apiUrl().map(SiteUrl::value).orElse(null),
                installation.status() == InstallationStatus.ACTIVE,
                installation.status() == InstallationStatus.ACTIVE ? "active" : "disabled",
                installation.hasWeakSecret(),
                age(Duration.between(installation.secretSetAt(), now)),
                time(installation.secretSetAt()),
                installation
                        .previousSecret()
                        .map(PreviousSecret::acceptedUntil)
                        .map(InstallationView::time)
                        .orElse(null),
                connection(installation, teams),
                bot(installation),
                teams,
                time(installation.createdAt()),
                time(installation.updatedAt()),
                publicUrl.manifestUrl(installation.id()),
                publicUrl.installCommand(installation.id()));
    }

    /** Coarse on purpose: operators compare secrets by days, not seconds. */
    static String age(Duration age) {
        if (age.isNegative() || age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 2) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " days ago";
    }

    /** The bot users Gatehouse knows, each with the ingress it belongs to; null when none. */
    private static String bot(Installation installation) {
        List<String> bots = new java.util.ArrayList<>();
        installation.bot().ifPresent(b -> bots.add(b.userId() + " (slash commands)"));
        installation.botUserId().ifPresent(b -> bots.add(b + " (Apps framework)"));
        return bots.isEmpty() ? null : String.join(", ", bots);
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    private static String team(SlashCommand command) {
        return command.teamName() == null ? command.teamId() : command.teamName() + " (" + command.teamId() + ")";
    }

    /** Apps framework (installed and not uninstalled), slash commands on which teams, both, or not yet. */
    private static String connection(Installation installation, List<String> teams) {
        boolean apps = installation.installedAt().isPresent()
                && installation
                        .uninstalledAt()
                        .map(u -> u.isBefore(installation.installedAt().get()))
                        .orElse(true);
        String slash = teams.isEmpty() ? "" : "slash commands on " + String.join(", ", teams);
        if (apps && !slash.isEmpty()) {
            return "Apps framework and " + slash;
        }
        if (apps) {
            return "Apps framework";
        }
        return slash.isEmpty() ? "not yet" : slash.substring(0, 1).toUpperCase() + slash.substring(1);
    }
}
