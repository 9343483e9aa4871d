package dev.gatehouse.bootstrap.cli;

import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.console.ConsolePaths;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.console.ConsoleSignIn;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "console-link",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a one-time link that signs a browser into the operator console (any replica).",
            "The link works once, until it expires; the operator name is the actor of every console action."
        })
final class ConsoleLinkCommand implements Callable<Integer> {

    @Inject
    UseCases useCases;

    @Inject
    PublicUrl publicUrl;

    @Option(
            names = "--operator",
            defaultValue = "${sys:user.name}",
            description = "who signs in (recorded in the audit log); default: your OS user, ${DEFAULT-VALUE}")
    String operator;

    @Option(
            names = "--ttl",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "how long the link can be used, 30s to 24h; default: ${DEFAULT-VALUE}")
    Duration ttl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConsoleSignIn.IssuedLink link = useCases.consoleSignIn().issue(operator, ttl);
        spec.commandLine().getOut().println(ConsolePaths.signInLink(publicUrl, link.token()));
        spec.commandLine()
                .getErr()
                .println("signs in " + link.operator() + " once, until " + link.expiresAt()
                        + "; the session lasts 8 hours");
        return 0;
    }
}
