package dev.gatehouse.bootstrap.cli;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.slash.ProvisionSlashCommands;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The slash-command ingress from the CLI (CLASSIC.md §3): the same use cases as the admin API. Tokens are read from an
 * environment variable or standard input (a terminal asks without echo), never from arguments: those end up in shell
 * histories and process lists.
 */
final class SlashCommandCommands {

    static final String ADMIN_TOKEN_VARIABLE = "MATTERMOST_ADMIN_TOKEN";

    private SlashCommandCommands() {}

    /** The token from {@code variable} when set, else one line of standard input. */
    static String readToken(String prompt, String variable) {
        String fromEnvironment = variable == null ? null : System.getenv(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s: ", prompt);
            if (typed == null) {
                throw new IllegalArgumentException("no token given");
            }
            return new String(typed).strip();
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException(
                        prompt + " expected on standard input" + (variable == null ? "" : " (or in " + variable + ")"));
            }
            return line.strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read the token from standard input");
        }
    }

    static void printSlashCommands(PrintWriter out, Installation installation) {
        installation.bot().ifPresent(bot -> out.println("slash_bot_user:  " + bot.userId()));
        for (var command : installation.slashCommands()) {
            out.println("slash_team:      " + command.teamId()
                    + (command.teamName() == null ? "" : " (" + command.teamName() + ")"));
        }
    }

    @Command(
            name = "provision",
            mixinStandardHelpOptions = true,
            description = {
                "Set a Mattermost server without the Apps framework up in one step: the bot, its token and "
                        + "/<app id> in each team.",
                "The system admin's token is read from " + ADMIN_TOKEN_VARIABLE + " or standard input; it is used "
                        + "once and never stored."
            })
    static final class Provision implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--teams", split = ",", description = "team names or ids; default: every team of the admin")
        List<String> teams = List.of();

        @Option(
                names = "--enable-settings",
                description = "turn on the server settings the slash command needs instead of refusing")
        boolean enableSettings;

        @Override
        public Integer call() {
            String token = readToken("Mattermost system admin token", ADMIN_TOKEN_VARIABLE);
            ProvisionSlashCommands.Result result = useCases.provisionSlashCommands()
                    .provision(new ProvisionSlashCommands.Command(
                            InstallationsCommand.ACTOR, InstallationsCommand.id(id), token, teams, enableSettings));
            if (result instanceof ProvisionSlashCommands.Result.NotProvisioned not) {
                return InstallationsCommand.report(spec, not.why(), urls);
            }
            var provisioned = (ProvisionSlashCommands.Result.Provisioned) result;
            PrintWriter out = spec.commandLine().getOut();
            InstallationsCommand.print(out, provisioned.installation(), urls);
            out.println("bot_user_id:     " + provisioned.botUserId());
            for (var team : provisioned.teams()) {
                out.println("team " + team.team().name() + " (" + team.team().id() + "): "
                        + team.outcome().name().toLowerCase(Locale.ROOT));
            }
            provisioned.enabled().forEach(setting -> out.println("turned on:       " + setting.configPath()));
            return provisioned.teams().stream()
                            .anyMatch(t -> t.outcome() == ProvisionSlashCommands.TeamOutcome.CONFLICT)
                    ? 6
                    : 0;
        }
    }

    @Command(
            name = "bot",
            mixinStandardHelpOptions = true,
            description = "Adopt a bot access token made by hand (read from standard input), or --remove it.")
    static final class Bot implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--remove", description = "forget the bot instead")
        boolean remove;

        @Override
        public Integer call() {
            ChangeResult result = remove
                    ? useCases.slashCommandSetup().forgetBot(InstallationsCommand.ACTOR, InstallationsCommand.id(id))
                    : useCases.slashCommandSetup()
                            .adoptBot(
                                    InstallationsCommand.ACTOR,
                                    InstallationsCommand.id(id),
                                    new BotToken(readToken("bot access token", null)));
            return InstallationsCommand.report(spec, result, urls);
        }
    }

    @Command(
            name = "command",
            mixinStandardHelpOptions = true,
            description = "Adopt a team's slash command token made by hand (read from standard input), or --remove it.")
    static final class SlashCommand implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--team", required = true, description = "the team id the command belongs to")
        String team;

        @Option(names = "--remove", description = "forget the team's command instead")
        boolean remove;

        @Override
        public Integer call() {
            ChangeResult result = remove
                    ? useCases.slashCommandSetup()
                            .forgetSlashCommand(InstallationsCommand.ACTOR, InstallationsCommand.id(id), team)
                    : useCases.slashCommandSetup()
                            .adoptSlashCommand(
                                    InstallationsCommand.ACTOR,
                                    InstallationsCommand.id(id),
                                    team,
                                    readToken("slash command token", null));
            return InstallationsCommand.report(spec, result, urls);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one installation (never a secret).")
    static final class Show implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            var found = useCases.findInstallations().byId(InstallationsCommand.id(id));
            if (found.isEmpty()) {
                return InstallationsCommand.report(spec, new ChangeResult.NotFound(InstallationsCommand.id(id)), urls);
            }
            InstallationsCommand.print(spec.commandLine().getOut(), found.get(), urls);
            return 0;
        }
    }
}
