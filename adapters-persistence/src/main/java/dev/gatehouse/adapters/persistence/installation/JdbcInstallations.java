package dev.gatehouse.adapters.persistence.installation;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.PreviousSecret;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;

/**
 * Installations in Postgres. Secrets are sealed with the {@link SecretCipher} on the way in and opened on the way
 * out. Each method runs in a transaction, joining the caller's when there is one (see {@code JdbcTransactions}).
 * Every write also sends {@code pg_notify} in that transaction, so every replica's cache hears of it once it commits.
 *
 * <p>Exposed only as its own type: the {@link Installations} bean is {@link CachingInstallations}, which wraps this.
 */
@Singleton
@Bean(typed = JdbcInstallations.class)
public final class JdbcInstallations implements Installations {

    private static final String SITE_URL_CONSTRAINT = "installation_site_url_key";
    /** The same server under the other scheme (V2). */
    private static final String SERVER_CONSTRAINT = "installation_site_key";

    private final InstallationRows rows;
    private final SecretCipher cipher;
    private final TransactionOperations<Connection> transactions;

    public JdbcInstallations(
            InstallationRows rows, SecretCipher cipher, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /**
     * Tried twice when the first attempt fails on a connection that broke in use: after a database restart the pool
     * still holds connections to the old server and drops each one only as it fails; a lookup is safe to repeat.
     * Not retried when the pool could not get a connection at all (that already waited the connection timeout).
     */
    @Override
    public Optional<Installation> findById(InstallationId id) {
        Supplier<Optional<InstallationRow>> load =
                () -> guarded("load an installation", () -> rows.findById(id.value()));
        Optional<InstallationRow> row;
        try {
            row = load.get();
        } catch (StorageUnavailableException e) {
            if (!StorageFailures.brokeInUse(e)) {
                throw e;
            }
            row = load.get();
        }
        return row.map(this::toDomain);
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
                    List<Installation> items = rows.listPage(size, (long) page * size).stream()
                            .map(this::toDomain)
                            .toList();
                    return new Page<>(items, page, size, total);
                }));
    }

    @Override
    public Installation add(Installation installation) {
        try {
            return toDomain(guarded(
                    "add an installation",
                    () -> transactions.executeWrite(status -> {
                        InstallationRow saved = rows.save(toRow(installation, 0));
                        announce(status.getConnection(), installation.id());
                        return saved;
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
                        InstallationRow updated = rows.update(toRow(installation, installation.version()));
                        announce(status.getConnection(), installation.id());
                        return updated;
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
                cipher.seal(i.secret().value()),
                previous.map(p -> cipher.seal(p.secret().value())).orElse(null),
                previous.map(PreviousSecret::acceptedUntil).orElse(null),
                i.botUserId().orElse(null),
                i.installedAt().orElse(null),
                i.uninstalledAt().orElse(null),
                i.createdAt(),
                i.updatedAt(),
                version);
    }

    private Installation toDomain(InstallationRow row) {
        PreviousSecret previous = row.previousSecret() == null
                ? null
                : new PreviousSecret(new Secret(open(row, row.previousSecret())), row.previousSecretUntil());
        return Installation.restore(
                new InstallationId(row.id()),
                row.name(),
                new SiteUrl(row.siteUrl()),
                row.apiUrl() == null ? null : new SiteUrl(row.apiUrl()),
                InstallationStatus.valueOf(row.status()),
                new Secret(open(row, row.secret())),
                previous,
                row.botUserId(),
                row.installedAt(),
                row.uninstalledAt(),
                row.createdAt(),
                row.updatedAt(),
                row.version(),
                null, // TODO(classic ingress): bot and slash commands are not stored yet
                List.of());
    }

    /** A stored secret that does not open is a configuration fault (wrong master key), not bad input. */
    private String open(InstallationRow row, String sealed) {
        try {
            return cipher.open(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored secret of installation " + row.id() + " cannot be opened ("
                    + e.getMessage() + "); is gatehouse.master-key the key it was sealed with?");
        }
    }
}
