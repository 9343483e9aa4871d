package dev.gatehouse.bootstrap;

import dev.gatehouse.bootstrap.cli.GatehouseCommand;
import dev.gatehouse.bootstrap.drain.ReplicaDrain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * {@code java -jar gatehouse.jar [serve]} runs the server; any other first argument is a CLI command run against the
 * configured database (see {@link GatehouseCommand}).
 */
public final class Gatehouse {

    private Gatehouse() {}

    public static void main(String[] args) {
        if (args.length == 0 || "serve".equals(args[0])) {
            serve(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
        } else {
            // Before the first logger exists: command output goes to stdout, logs (warnings only) to stderr.
            System.setProperty("gatehouse.log.target", "System.err");
            System.setProperty("gatehouse.log.level", System.getProperty("gatehouse.log.level", "WARN"));
            System.exit(runCommand(args));
        }
    }

    static void serve(String[] args) {
        StartupSettings settings;
        try {
            settings = StartupSettings.resolve(args);
        } catch (StartupSettings.MisconfiguredException e) {
            System.err.println("Gatehouse cannot start: " + e.getMessage());
            System.exit(78); // EX_CONFIG
            return;
        }
        // Started by hand rather than with Micronaut.start(), which logs a page of stack trace and exits 1 on a bad
        // setting: here the operator gets one line that says what to fix.
        ApplicationContext context = Micronaut.build(args)
                .mainClass(Gatehouse.class)
                .banner(false)
                .properties(settings.properties())
                .build();
        EmbeddedApplication<?> application;
        try {
            context.start();
            application = context.getBean(EmbeddedApplication.class);
            application.start();
        } catch (RuntimeException e) {
            if (context.isRunning()) {
                context.stop();
            }
            settings.close();
            System.err.println("Gatehouse cannot start: " + rootMessage(e));
            System.exit(78);
            return;
        }
        EmbeddedApplication<?> running = application;
        ReplicaDrain drain = context.getBean(ReplicaDrain.class);
        // One hook, in order: readiness DOWN while still serving (the drain delay), then the server finishes in-flight
        // requests and stops the context, then the embedded database.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (running.isRunning()) {
                                drain.drain();
                                running.stop();
                            }
                            settings.close();
                        },
                        "gatehouse-stop"));
    }

    /** Parses first, so bad arguments print usage without starting anything; then runs with a context. */
    static int runCommand(String[] args) {
        CommandLine preview = new CommandLine(GatehouseCommand.class);
        try {
            CommandLine.ParseResult parsed = preview.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            if (leaf.commandSpec().subcommands().size() > 1) { // a group such as 'installations' without its subcommand
                CommandLine group = leaf.commandSpec().commandLine();
                group.getErr().println("Missing subcommand");
                group.usage(group.getErr());
                return 2;
            }
        } catch (CommandLine.ParameterException e) {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 2;
        }
        // CLI arguments are picocli's, not configuration: the context sees none of them.
        try (StartupSettings settings = StartupSettings.resolve(new String[0]);
                ApplicationContext context = ApplicationContext.builder()
                        .properties(settings.properties())
                        .start()) {
            return GatehouseCommand.execute(context, args);
        } catch (StartupSettings.MisconfiguredException e) {
            System.err.println("Gatehouse cannot start: " + e.getMessage());
            return 78;
        } catch (io.micronaut.context.exceptions.BeanInstantiationException e) {
            System.err.println("Gatehouse cannot start: " + rootMessage(e));
            return 78;
        }
    }

    /**
     * The innermost message of a startup failure: ours ("gatehouse.master-key ... must be exactly 32 bytes") or the
     * driver's ("Connection to host:port refused"), not the framework's page of bean-creation context.
     */
    static String rootMessage(Throwable failure) {
        java.util.List<Throwable> withMessage = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && withMessage.size() < 50; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                withMessage.add(t);
            }
        }
        if (withMessage.isEmpty()) {
            return failure.getClass().getSimpleName();
        }
        Throwable innermost = withMessage.get(withMessage.size() - 1);
        // A bare socket error ("Connection refused") says less than the driver's message around it, which names the
        // host.
        if (innermost.getClass().getName().startsWith("java.net.") && withMessage.size() > 1) {
            innermost = withMessage.get(withMessage.size() - 2);
        }
        String firstLine = innermost.getMessage().strip().lines().findFirst().orElse("");
        return firstLine.length() <= 500 ? firstLine : firstLine.substring(0, 500);
    }
}
