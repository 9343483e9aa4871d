package dev.gatehouse.bootstrap.cli;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.RateLimit;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator's installation commands; each runs the same use case as the admin API, against the configured database. */
@Command(
        name = "installations",
        mixinStandardHelpOptions = true,
        description = "Register and manage Mattermost servers.",
        subcommands = {
            InstallationsCommand.Create.class,
            InstallationsCommand.ListAll.class,
            InstallationsCommand.Rotate.class,
            InstallationsCommand.Disable.class,
            InstallationsCommand.Enable.class,
            InstallationsCommand.SetRateLimit.class,
            InstallationsCommand.Delete.class,
            SlashCommandCommands.Show.class,
            SlashCommandCommands.Provision.class,
            SlashCommandCommands.Bot.class,
            SlashCommandCommands.SlashCommand.class
        })
final class InstallationsCommand implements Runnable {

    static final String ACTOR = "cli:" + System.getProperty("user.name", "operator");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing subcommand: create, list, show, rotate, disable, enable, rate-limit, delete, provision, bot or"
                        + " command");
    }

    /** Maps a change outcome to output and an exit code: 0 done, 3 not found, 4 conflict. */
    static int report(CommandLine.Model.CommandSpec spec, ChangeResult result, PublicUrl urls) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (result instanceof ChangeResult.Changed changed) {
            print(out, changed.installation(), urls);
            return 0;
        } else if (result instanceof ChangeResult.SecretIssued issued) {
            print(out, issued.installation(), urls);
            out.println("secret:          " + issued.secret().value() + "   (shown only now)");
            issued.installation()
                    .previousSecret()
                    .ifPresent(p -> out.println("previous secret accepted until " + p.acceptedUntil()));
            return 0;
        } else if (result instanceof ChangeResult.Deleted deleted) {
            out.println("deleted " + deleted.id());
            return 0;
        } else if (result instanceof ChangeResult.NotFound notFound) {
            err.println("error: no installation " + notFound.id());
            return 3;
        } else if (result instanceof ChangeResult.Conflict conflict) {
            err.println("error: installation " + conflict.id()
                    + " was changed concurrently; nothing was applied, try again");
            return 4;
        } else if (result instanceof ChangeResult.Refused refused) {
            err.println("error: " + refused.detail());
            return 2;
        } else if (result instanceof ChangeResult.MattermostFailed failed) {
            err.println("error: " + failed.detail());
            return 5;
        } else if (result instanceof ChangeResult.WeakSecretRefused weak) {
            err.println(
                    "error: the secret is shorter than 32 characters; set gatehouse.secrets.allow-weak to accept it");
            return 2;
        }
        throw new IllegalStateException("unmapped result " + result.getClass());
    }

    static void print(PrintWriter out, Installation i, PublicUrl urls) {
        out.println("id:              " + i.id());
        out.println("name:            " + i.name());
        out.println("site_url:        " + i.siteUrl());
        i.apiUrl().ifPresent(u -> out.println("api_url:         " + u));
        out.println("status:          " + i.status().name().toLowerCase());
        if (i.hasWeakSecret()) {
            out.println("weak_secret:     true");
        }
        out.println("rate_limit:      "
                + i.rateLimit()
                        .map(l -> l.perSecond() + "/s, burst " + l.burst())
                        .orElse("service default"));
        SlashCommandCommands.printSlashCommands(out, i);
        out.println("manifest_url:    " + urls.manifestUrl(i.id()));
        out.println("install_command: " + urls.installCommand(i.id()));
    }

    static InstallationId id(String text) {
        try {
            return InstallationId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ID: " + e.getMessage());
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Register a Mattermost server; prints its secret once.")
    static final class Create implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--name", required = true, description = "a name for operators, e.g. 'Acme chat'")
        String name;

        @Option(
                names = "--site-url",
                required = true,
                description = "the server's Site URL, e.g. https://chat.example.com")
        String siteUrl;

        @Option(
                names = "--api-url",
                description = "where Gatehouse reaches that server's REST API, if not at the site URL")
        String apiUrl;

        @Override
        public Integer call() {
            var result = useCases.registerInstallation()
                    .register(new RegisterInstallation.Command(ACTOR, name, siteUrl, apiUrl));
            PrintWriter out = spec.commandLine().getOut();
            if (result instanceof RegisterInstallation.Result.Registered registered) {
                print(out, registered.installation(), urls);
                out.println("secret:          " + registered.secret().value() + "   (shown only now)");
                out.println();
                out.println(
                        "In Mattermost, as a system admin: run the install_command above and paste the secret as the Outgoing JWT Secret.");
                return 0;
            } else if (result instanceof RegisterInstallation.Result.DuplicateSiteUrl duplicate) {
                spec.commandLine()
                        .getErr()
                        .println("error: an installation for " + duplicate.siteUrl()
                                + " (or the same server under the other scheme) already exists");
                return 4;
            }
            throw new IllegalStateException("unmapped result " + result.getClass());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List installations (never with secrets).")
    static final class ListAll implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--page", defaultValue = "0", description = "page number from 0; default: ${DEFAULT-VALUE}")
        int page;

        @Option(names = "--size", defaultValue = "50", description = "page size, 1-500; default: ${DEFAULT-VALUE}")
        int size;

        @Override
        public Integer call() {
            Page<Installation> result = useCases.findInstallations().page(page, size);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-36s  %-8s  %-40s  %s%n", "ID", "STATUS", "SITE URL", "NAME");
            for (Installation i : result.items()) {
                out.printf(
                        "%-36s  %-8s  %-40s  %s%s%n",
                        i.id(),
                        i.status().name().toLowerCase(),
                        i.siteUrl(),
                        i.name(),
                        i.hasWeakSecret() ? "  (weak secret)" : "");
            }
            out.printf(
                    "page %d, %d of %d installation(s)%n",
                    result.page(), result.items().size(), result.total());
            return 0;
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Issue a new secret; the old one keeps working for the grace window (0 revokes it now).")
    static final class Rotate implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(
                names = "--grace",
                defaultValue = "24h",
                converter = DurationConverter.class,
                description = "how long the old secret stays valid, e.g. 0s, 1h, 24h; default: ${DEFAULT-VALUE}")
        Duration grace;

        @Override
        public Integer call() {
            return report(spec, useCases.rotateSecret().rotate(ACTOR, id(id), grace), urls);
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Refuse the installation's calls until enabled again.")
    static final class Disable implements Callable<Integer> {
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
            return report(
                    spec,
                    useCases.changeInstallation()
                            .change(new ChangeInstallation.Command(
                                    ACTOR,
                                    id(id),
                                    Optional.empty(),
                                    Optional.of(InstallationStatus.DISABLED),
                                    Optional.empty())),
                    urls);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Accept the installation's calls again.")
    static final class Enable implements Callable<Integer> {
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
            return report(
                    spec,
                    useCases.changeInstallation()
                            .change(new ChangeInstallation.Command(
                                    ACTOR,
                                    id(id),
                                    Optional.empty(),
                                    Optional.of(InstallationStatus.ACTIVE),
                                    Optional.empty())),
                    urls);
        }
    }

    @Command(
            name = "rate-limit",
            mixinStandardHelpOptions = true,
            description =
                    "Give the installation its own rate limit (per replica), or return it to the service default.")
    static final class SetRateLimit implements Callable<Integer> {
        @Inject
        UseCases useCases;

        @Inject
        PublicUrl urls;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @CommandLine.ArgGroup(multiplicity = "1")
        Choice choice;

        static final class Choice {
            @CommandLine.ArgGroup(exclusive = false)
            Own own;

            @Option(names = "--default", required = true, description = "Follow gatehouse.rate-limit.* again.")
            boolean serviceDefault;
        }

        static final class Own {
            @Option(names = "--per-second", required = true, paramLabel = "N", description = "Calls a second.")
            int perSecond;

            @Option(names = "--burst", paramLabel = "M", description = "Calls at once (default: twice N).")
            Integer burst;
        }

        @Override
        public Integer call() {
            RateLimit limit = choice.own == null
                    ? null
                    : choice.own.burst == null
                            ? RateLimit.perSecond(choice.own.perSecond)
                            : new RateLimit(choice.own.perSecond, choice.own.burst);
            return report(
                    spec,
                    useCases.changeInstallation()
                            .change(new ChangeInstallation.Command(
                                    ACTOR,
                                    id(id),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.of(new ChangeInstallation.RateLimitChange(limit)))),
                    urls);
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Remove the installation; its calls are refused at once.")
    static final class Delete implements Callable<Integer> {
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
            return report(spec, useCases.deleteInstallation().delete(ACTOR, id(id)), urls);
        }
    }
}
