package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.application.slash.ProvisionSlashCommands;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Locale;

/** What provisioning did: the bot, each team's outcome, the settings it turned on. No token. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProvisionedJson(
        InstallationJson installation, String botUserId, List<TeamJson> teams, List<String> settingsEnabled) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record TeamJson(String teamId, String teamName, String result) {}

    static ProvisionedJson of(ProvisionSlashCommands.Result.Provisioned provisioned, InstallationJson installation) {
        return new ProvisionedJson(
                installation,
                provisioned.botUserId(),
                provisioned.teams().stream()
                        .map(team -> new TeamJson(
                                team.team().id(),
                                team.team().name(),
                                team.outcome().name().toLowerCase(Locale.ROOT)))
                        .toList(),
                provisioned.enabled().stream().map(s -> s.configPath()).sorted().toList());
    }
}
