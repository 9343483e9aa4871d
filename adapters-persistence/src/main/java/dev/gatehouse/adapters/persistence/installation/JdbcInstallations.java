package dev.gatehouse.adapters.persistence.installation;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.adapters.persistence.secrets.JdbcSealedValues;
import dev.gatehouse.adapters.persistence.secrets.SealedColumn;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.PreviousSecret;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.SecretCipher;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micronaut.context.annotation.Bean;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installations in Postgres. Secrets are sealed with the {@link SecretCipher} on the way in, bound to their
 * installation and purpose, and opened on the way out; one that {@link #findById} finds in an older format or under a
 * previous master key is re-sealed after the read ({@link JdbcSealedValues}). Each method runs in a transaction,
 * joining the caller's when there is one (see {@code JdbcTransactions}).
 * Every write also sends {@code pg_notify} in that transaction, so every replica's cache hears of it once it commits.
 *
 * <p>The slash-command setup (the bot in {@code installation_bot}, one command per team in
 * {@code installation_slash_command}) is part of the aggregate: written in the transaction that writes the
 * installation row, after its optimistic-lock check, so a token adopted or forgotten through one replica reaches
 * every replica's cache with the same notification.
 *
 * <p>Exposed only as its own type: the {@link Installations} bean is {@link CachingInstallations}, which wraps this.
 */
@Singleton
@Bean(typed = JdbcInstallations.class)
public final class JdbcInstallations implements Installations {

    private static final String SITE_URL_CONSTRAINT = "installation_site_url_key";
    /** The same server under the other scheme (V2). */
    private static final String SERVER_CONSTRAINT = "installation_site_key";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcInstallations.class);

    private final InstallationRows rows;
    private final InstallationBotRows bots;
    private final SlashCommandRows commands;
    private final SecretCipher cipher;
    private final TransactionOperations<Connection> transactions;
    private final JdbcSealedValues sealedValues;

    public JdbcInstallations(
            InstallationRows rows,
            InstallationBotRows bots,
            SlashCommandRows commands,
            SecretCipher cipher,
            TransactionOperations<Connection> transactions,
            JdbcSealedValues sealedValues) {
        this.rows = rows;
        this.bots = bots;
        this.commands = commands;
        this.cipher = cipher;
        this.transactions = transactions;
        this.sealedValues = sealedValues;
    }

    /** A value read in an older format or under a previous key, with what it opened to: re-sealed after the read. */
    private record Outdated(SealedColumn column, SecretOwner owner, String sealed, String plaintext) {}

    /** An installation's rows (its own, its bot's, its commands') as one transaction read or wrote them. */
    private record AggregateRows(
            InstallationRow row, Optional<InstallationBotRow> bot, List<SlashCommandRow> commands) {}

    /**
     * Tried twice when the first attempt fails on a connection that broke in use: after a database restart the pool
     * still holds connections to the old server and drops each one only as it fails; a lookup is safe to repeat.
     * Not retried when the pool could not get a connection at all (that already waited the connection timeout).
     */
    @Override
    public Optional<Installation> findById(InstallationId id) {
        Supplier<Optional<AggregateRows>> load = () -> guarded(
                "load an installation",
                () -> transactions.executeRead(status -> rows.findById(id.value())
                        .map(row -> new AggregateRows(
                                row, bots.findById(row.id()), commands.findByInstallationIdIn(List.of(row.id()))))));
        Optional<AggregateRows> loaded;
        try {
            loaded = load.get();
        } catch (StorageUnavailableException e) {
            if (!StorageFailures.brokeInUse(e)) {
                throw e;
            }
            loaded = load.get();
        }
        List<Outdated> outdated = new ArrayList<>();
        Optional<Installation> found = loaded.map(stored -> toDomain(stored, outdated));
        resealQuietly(outdated);
        return found;
    }

    /** After the read, outside its transaction: a failure to re-seal never fails the lookup. */
    private void resealQuietly(List<Outdated> outdated) {
        outdated.forEach(o -> sealedValues.resealQuietly(o.column(), o.owner(), o.sealed(), o.plaintext()));
    }

    @Override
    public Page<Installation> list(int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
        return guarded(
                "list installations",
                () -> transactions.executeRead(status -> {
                    long total = rows.count();
                    List<Installation> items = withSlashCommandSetup(rows.listPage(size, (long) page * size)).stream()
                            .map(this::toDomain)
                            .toList();
                    return new Page<>(items, page, size, total);
                }));
    }

    @Override
    public Page<Installation> search(String text, int page, int size) {
        if (text == null || text.isBlank()) {
            return list(page, size);
        }
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
        // LIKE's wildcards in the operator's text are literal characters
        String pattern =
                "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return guarded(
                "search installations",
                () -> transactions.executeRead(status -> {
                    long total = rows.countMatching(pattern);
                    List<Installation> items =
                            withSlashCommandSetup(rows.searchPage(pattern, size, (long) page * size)).stream()
                                    .map(this::toDomain)
                                    .toList();
                    return new Page<>(items, page, size, total);
                }));
    }

    /** The bots and commands of a page's installations: two queries for the whole page, not two per installation. */
    private List<AggregateRows> withSlashCommandSetup(List<InstallationRow> pageRows) {
        if (pageRows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = pageRows.stream().map(InstallationRow::id).toList();
        Map<UUID, InstallationBotRow> botById = bots.findByInstallationIdIn(ids).stream()
                .collect(Collectors.toMap(InstallationBotRow::installationId, bot -> bot));
        Map<UUID, List<SlashCommandRow>> commandsById = commands.findByInstallationIdIn(ids).stream()
                .collect(Collectors.groupingBy(SlashCommandRow::installationId));
        return pageRows.stream()
                .map(row -> new AggregateRows(
                        row,
                        Optional.ofNullable(botById.get(row.id())),
                        commandsById.getOrDefault(row.id(), List.of())))
                .toList();
    }

    @Override
    public Installation add(Installation installation) {
        try {
            return toDomain(guarded(
                    "add an installation",
                    () -> transactions.executeWrite(status -> {
                        InstallationRow saved = rows.save(toRow(installation, 0));
                        AggregateRows written = saveSlashCommandSetup(saved, installation, false);
                        announce(status.getConnection(), installation.id());
                        return written;
                    })));
        } catch (RuntimeException e) {
            if (violates(e, SITE_URL_CONSTRAINT) || violates(e, SERVER_CONSTRAINT)) {
                throw new DuplicateSiteUrlException(installation.siteUrl());
            }
            throw e;
        }
    }

    @Override
    public Installation update(Installation installation) {
        try {
            return toDomain(guarded(
                    "update an installation",
                    () -> transactions.executeWrite(status -> {
                        // the versioned UPDATE first: a stale installation is refused before anything else is written
                        InstallationRow updated = rows.update(toRow(installation, installation.version()));
                        AggregateRows written = saveSlashCommandSetup(updated, installation, true);
                        announce(status.getConnection(), installation.id());
                        return written;
                    })));
        } catch (OptimisticLockException e) {
            throw new ConcurrentChangeException(installation.id());
        }
    }

    @Override
    public boolean delete(InstallationId id) {
        return guarded(
                "delete an installation",
                () -> transactions.executeWrite(status -> {
                    boolean deleted = rows.deleteById(id.value()) > 0;
                    if (deleted) {
                        announce(status.getConnection(), id);
                    }
                    return deleted;
                }));
    }

    /**
     * Writes the bot and the commands as {@code installation} holds them, replacing what was stored ({@code replace}):
     * a handful of rows per installation, so they are rewritten rather than diffed.
     */
    private AggregateRows saveSlashCommandSetup(InstallationRow row, Installation installation, boolean replace) {
        UUID id = installation.id().value();
        if (replace) {
            bots.deleteById(id);
            commands.deleteByInstallationId(id);
        }
        Optional<InstallationBotRow> bot = installation
                .bot()
                .map(b -> bots.save(new InstallationBotRow(
                        id,
                        b.userId(),
                        cipher.seal(b.token().value(), SecretOwner.botToken(installation.id())),
                        b.tokenId())));
        List<SlashCommandRow> commandRows = installation.slashCommands().stream()
                .map(c -> new SlashCommandRow(id, c.teamId(), c.teamName(), c.commandId(), c.tokenSha256()))
                .toList();
        if (!commandRows.isEmpty()) {
            commands.saveAll(commandRows);
        }
        return new AggregateRows(row, bot, commandRows);
    }

    /** Queued by Postgres and delivered to every listener when (and only if) the transaction commits. */
    private static void announce(Connection connection, InstallationId id) {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, InstallationChangeListener.CHANNEL);
            notify.setString(2, id.toString());
            notify.execute();
        } catch (SQLException e) {
            throw new DataAccessException("could not announce the change of installation " + id, e);
        }
    }

    /** Every installation's id (16 bytes each: 100,000 installations are 1.6 MB), for the cache's index of ids. */
    public List<InstallationId> allIds() {
        return guarded("list the installation ids", () -> transactions.executeRead(status -> rows.findAllIds()))
                .stream()
                .map(InstallationId::new)
                .toList();
    }

    private static <T> T guarded(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, operation);
        }
    }

    private static boolean violates(Throwable e, String constraint) {
        return StorageFailures.sqlCause(e)
                .filter(PSQLException.class::isInstance)
                .map(sql -> ((PSQLException) sql).getServerErrorMessage())
                .filter(m -> "23505".equals(m.getSQLState()) && constraint.equals(m.getConstraint()))
                .isPresent();
    }

    private InstallationRow toRow(Installation i, long version) {
        Optional<PreviousSecret> previous = i.previousSecret();
        return new InstallationRow(
                i.id().value(),
                i.name(),
                i.siteUrl().value(),
                i.apiUrl().map(SiteUrl::value).orElse(null),
                i.status().name(),
                cipher.seal(i.secret().value(), SecretOwner.installationSecret(i.id())),
                previous.map(p -> cipher.seal(p.secret().value(), SecretOwner.installationSecret(i.id())))
                        .orElse(null),
                previous.map(PreviousSecret::acceptedUntil).orElse(null),
                i.botUserId().orElse(null),
                i.installedAt().orElse(null),
                i.uninstalledAt().orElse(null),
                i.createdAt(),
                i.updatedAt(),
                version,
                i.rateLimit().map(RateLimit::perSecond).orElse(null),
                i.rateLimit().map(RateLimit::burst).orElse(null),
                i.secretSetAt());
    }

    private Installation toDomain(AggregateRows stored) {
        return toDomain(stored, new ArrayList<>());
    }

    /** {@code outdated} collects the values that opened but are not sealed in the current format and key. */
    private Installation toDomain(AggregateRows stored, List<Outdated> outdated) {
        InstallationRow row = stored.row();
        PreviousSecret previous = row.previousSecret() == null
                ? null
                : new PreviousSecret(
                        new Secret(
                                open(row, SealedColumn.PREVIOUS_INSTALLATION_SECRET, row.previousSecret(), outdated)),
                        row.previousSecretUntil());
        return Installation.restore(
                new InstallationId(row.id()),
                row.name(),
                new SiteUrl(row.siteUrl()),
                row.apiUrl() == null ? null : new SiteUrl(row.apiUrl()),
                InstallationStatus.valueOf(row.status()),
                new Secret(open(row, SealedColumn.INSTALLATION_SECRET, row.secret(), outdated)),
                previous,
                row.botUserId(),
                row.installedAt(),
                row.uninstalledAt(),
                row.createdAt(),
                row.updatedAt(),
                row.version(),
                stored.bot().flatMap(bot -> openBot(bot, outdated)).orElse(null),
                stored.commands().stream()
                        .map(c -> new SlashCommand(c.teamId(), c.teamName(), c.commandId(), c.tokenSha256()))
                        .toList(),
                row.rateLimitPerSecond() == null ? null : new RateLimit(row.rateLimitPerSecond(), row.rateLimitBurst()),
                row.secretSetAt());
    }

    /**
     * A bot token that does not open (altered, or copied from another installation's row) leaves the installation
     * without a bot rather than unloadable: its secrets still verify Apps calls and slash commands, and {@code send}
     * tells the user to have the bot set up again (the installation's next change drops the row). Logged, never with
     * the sealed text.
     */
    private Optional<BotAccount> openBot(InstallationBotRow bot, List<Outdated> outdated) {
        try {
            SecretOwner owner = SecretOwner.botToken(new InstallationId(bot.installationId()));
            String token = cipher.open(bot.token(), owner);
            if (!cipher.isCurrent(bot.token())) {
                outdated.add(new Outdated(SealedColumn.BOT_TOKEN, owner, bot.token(), token));
            }
            return Optional.of(new BotAccount(bot.userId(), new BotToken(token), bot.tokenId()));
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "the stored bot token of installation {} cannot be opened ({}); loading the installation without"
                            + " its bot: adopt or provision the bot again",
                    bot.installationId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** A stored secret that does not open is a configuration fault (wrong master key), not bad input. */
    private String open(InstallationRow row, SealedColumn column, String sealed, List<Outdated> outdated) {
        SecretOwner owner = SecretOwner.installationSecret(new InstallationId(row.id()));
        try {
            String plaintext = cipher.open(sealed, owner);
            if (!cipher.isCurrent(sealed)) {
                outdated.add(new Outdated(column, owner, sealed, plaintext));
            }
            return plaintext;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored secret of installation " + row.id() + " cannot be opened ("
                    + e.getMessage() + "); is gatehouse.master-key the key it was sealed with?");
        }
    }
}
