package dev.gatehouse.bootstrap.cli;

import dev.gatehouse.adapters.http.security.AdminTokenIssuer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "admin-token",
        mixinStandardHelpOptions = true,
        description = "Prints an admin API token (HS256, role ADMIN) signed with the configured admin JWT secret.")
final class AdminTokenCommand implements Callable<Integer> {

    @Inject
    AdminTokenIssuer issuer;

    @Option(
            names = "--subject",
            defaultValue = "operator",
            description = "who the token is for (recorded in the audit log); default: ${DEFAULT-VALUE}")
    String subject;

    @Option(
            names = "--ttl",
            defaultValue = "1h",
            converter = DurationConverter.class,
            description = "how long the token is valid, e.g. 30m, 1h, 7d; default: ${DEFAULT-VALUE}")
    Duration ttl;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(issuer.issue(subject, ttl));
        return 0;
    }
}
