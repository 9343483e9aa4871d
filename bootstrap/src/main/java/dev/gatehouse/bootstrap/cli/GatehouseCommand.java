package dev.gatehouse.bootstrap.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; {@code serve} (the default) is handled before picocli, in {@code Gatehouse.main}. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        version = "Gatehouse 0.1.0",
        description = "Multi-tenant Mattermost App service. Without arguments (or with 'serve') it runs the server.",
        subcommands = {
            AdminTokenCommand.class,
            ConsoleLinkCommand.class,
            InstallationsCommand.class,
            SecretsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class GatehouseCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: serve, admin-token, console-link, installations or secrets");
    }

    /** Runs the command line with beans from {@code context}; returns the process exit code. */
    public static int execute(ApplicationContext context, String... args) {
        return execute(
                context, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    public static int execute(
            ApplicationContext context, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(GatehouseCommand.class, new MicronautFactory(context))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
    }
}
