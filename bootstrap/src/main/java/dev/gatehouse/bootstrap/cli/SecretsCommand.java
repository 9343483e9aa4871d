package dev.gatehouse.bootstrap.cli;

import dev.gatehouse.adapters.persistence.secrets.JdbcSealedValues;
import dev.gatehouse.domain.port.SecretCipher;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What the operator does with the sealed values in Gatehouse's database. */
@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        description = "Manage the sealed values in Gatehouse's database.",
        subcommands = {SecretsCommand.Reseal.class})
final class SecretsCommand implements Runnable {

    /** Exit code when some values could not be opened: the old key cannot be removed yet. */
    static final int SOME_UNREADABLE = 6;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: reseal");
    }

    /**
     * The last step of a master-key rotation (and of the move to owner-bound sealing): every value not sealed in the
     * current format under the current key is sealed again. Safe while replicas serve: a row is only replaced if it
     * still holds what was read; safe to interrupt and run again.
     */
    @Command(
            name = "reseal",
            mixinStandardHelpOptions = true,
            description = "Re-seal every value stored in the database with the current master key and format, in"
                    + " batches; run again to resume. Exit 0 when every value is current, "
                    + SOME_UNREADABLE + " when some could not be opened.")
    static final class Reseal implements Callable<Integer> {

        @Inject
        JdbcSealedValues sealedValues;

        @Inject
        SecretCipher cipher;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--batch-size",
                defaultValue = "500",
                description = "rows read per batch (each batch its own transaction); default: ${DEFAULT-VALUE}")
        int batchSize;

        @Override
        public Integer call() {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("re-sealing with master key " + cipher.currentKeyId());
            JdbcSealedValues.Report report = sealedValues.resealAll(batchSize, out::println);
            out.println("re-sealed:       " + report.resealed());
            out.println("already current: " + report.alreadyCurrent());
            out.println("failed:          " + report.failed());
            if (report.failed() > 0) {
                spec.commandLine()
                        .getErr()
                        .println("error: " + report.failed() + " values could not be opened (see the log lines for"
                                + " their installations): keep the keys that sealed them in"
                                + " GATEHOUSE_PREVIOUS_MASTER_KEYS, or set GATEHOUSE_SECRETS_ACCEPT_UNBOUND=true for"
                                + " values in the old gh1 format, and run again");
                return SOME_UNREADABLE;
            }
            out.println("every stored value is sealed with the current key: previous keys can be removed from"
                    + " GATEHOUSE_PREVIOUS_MASTER_KEYS (values kept inside Mattermost are re-sealed when they are"
                    + " used)");
            return 0;
        }
    }
}
