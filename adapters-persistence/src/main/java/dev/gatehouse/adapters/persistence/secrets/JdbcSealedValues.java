package dev.gatehouse.adapters.persistence.secrets;

import dev.gatehouse.adapters.persistence.StorageFailures;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.port.SecretCipher;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealed values in Gatehouse's database ({@link SealedColumn}) that are not in the cipher's current format and
 * key: re-sealed one row at a time, only if the row still holds the value that was opened
 * ({@code UPDATE … WHERE <column> = <old sealed text>}), so a replica writing a new value at the same moment wins and
 * running it twice, or on many replicas at once, is harmless. Nothing here changes a row's version or
 * {@code updated_at}: the value it holds is the same.
 */
@Singleton
public final class JdbcSealedValues {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSealedValues.class);

    /** What {@link #resealAll} did; {@code failed}: values that could not be opened (key missing, altered, old format). */
    public record Report(long resealed, long alreadyCurrent, long failed) {

        Report plus(Report other) {
            return new Report(resealed + other.resealed, alreadyCurrent + other.alreadyCurrent, failed + other.failed);
        }
    }

    private final SecretCipher cipher;
    private final TransactionOperations<Connection> transactions;

    public JdbcSealedValues(SecretCipher cipher, TransactionOperations<Connection> transactions) {
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /**
     * Replaces {@code opened} (the sealed text just read from {@code column}, whose plaintext is {@code plaintext})
     * with a current seal, when the row still holds it; a no-op for a value that is current already. Returns whether a
     * row was changed. Joins the caller's transaction when there is one.
     */
    public boolean resealIfOutdated(SealedColumn column, SecretOwner owner, String opened, String plaintext) {
        if (cipher.isCurrent(opened)) {
            return false;
        }
        String resealed = cipher.seal(plaintext, owner);
        return guarded(
                "re-seal a stored value",
                () -> transactions.executeWrite(status -> {
                    try (PreparedStatement update = status.getConnection()
                            .prepareStatement("UPDATE " + column.table + " SET " + column.column + " = ? WHERE "
                                    + column.installationColumn + " = ?"
                                    + (column.userColumn == null ? "" : " AND " + column.userColumn + " = ?")
                                    + " AND " + column.column + " = ?")) {
                        int i = 1;
                        update.setString(i++, resealed);
                        update.setObject(i++, owner.installation().value());
                        if (column.userColumn != null) {
                            update.setString(i++, owner.userId().orElseThrow());
                        }
                        update.setString(i, opened);
                        return update.executeUpdate() > 0;
                    } catch (SQLException e) {
                        throw new DataAccessException("could not re-seal a value of " + column.table, e);
                    }
                }));
    }

    /** As {@link #resealIfOutdated}, for the on-use path: a failure is logged (never the value) and the read goes on. */
    public void resealQuietly(SealedColumn column, SecretOwner owner, String opened, String plaintext) {
        if (cipher.isCurrent(opened)) {
            return;
        }
        try {
            resealIfOutdated(column, owner, opened, plaintext);
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not re-seal the {} of installation {} in the current format; it is tried again on its next"
                            + " use: {}",
                    owner.purpose(),
                    owner.installation(),
                    e.getMessage());
        }
    }

    /** How many values per column are not under the current format and key: one count per table, no opening. */
    public Map<SealedColumn, Long> countOutdated() {
        return guarded(
                "count outdated sealed values",
                () -> transactions.executeRead(status -> {
                    Map<SealedColumn, Long> counts = new EnumMap<>(SealedColumn.class);
                    for (SealedColumn column : SealedColumn.values()) {
                        try (PreparedStatement count = status.getConnection()
                                .prepareStatement("SELECT count(*) FROM " + column.table + " WHERE " + column.column
                                        + " IS NOT NULL AND left(" + column.column + ", ?) <> ?")) {
                            count.setInt(1, cipher.currentPrefix().length());
                            count.setString(2, cipher.currentPrefix());
                            try (ResultSet result = count.executeQuery()) {
                                result.next();
                                counts.put(column, result.getLong(1));
                            }
                        } catch (SQLException e) {
                            throw new DataAccessException("could not count the sealed values of " + column.table, e);
                        }
                    }
                    return counts;
                }));
    }

    /**
     * Re-seals every stored value that is not current, {@code batchSize} rows per read, each batch in its own
     * transaction. Resumable: rows already current are skipped by the query, so a second run only finds what the first
     * could not do. {@code progress} hears each column's report.
     */
    public Report resealAll(int batchSize, Consumer<String> progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        Report total = new Report(0, 0, 0);
        for (SealedColumn column : SealedColumn.values()) {
            Report report = resealColumn(column, batchSize);
            progress.accept(column.table + "." + column.column + ": " + report.resealed() + " re-sealed, "
                    + report.alreadyCurrent() + " already current, " + report.failed() + " failed");
            total = total.plus(report);
        }
        return total;
    }

    /** A row that holds an outdated value, keyed as its table keys it. */
    private record Outdated(UUID installation, String userId, String sealed) {}

    private Report resealColumn(SealedColumn column, int batchSize) {
        long current = countCurrent(column);
        long resealed = 0;
        long failed = 0;
        UUID afterInstallation = null;
        String afterUser = "";
        while (true) {
            List<Outdated> batch = nextBatch(column, afterInstallation, afterUser, batchSize);
            if (batch.isEmpty()) {
                return new Report(resealed, current, failed);
            }
            for (Outdated row : batch) {
                SecretOwner owner = column.owner(row.installation(), row.userId());
                try {
                    String plaintext = cipher.open(row.sealed(), owner);
                    if (resealIfOutdated(column, owner, row.sealed(), plaintext)) {
                        resealed++;
                    } else {
                        current++; // written anew (in the current format) since it was read
                    }
                } catch (IllegalArgumentException e) { // the cipher's messages name no secret
                    failed++;
                    LOG.warn(
                            "{}.{} of installation {} cannot be opened: {}",
                            column.table,
                            column.column,
                            row.installation(),
                            e.getMessage());
                }
            }
            Outdated last = batch.get(batch.size() - 1);
            afterInstallation = last.installation();
            afterUser = last.userId() == null ? "" : last.userId();
        }
    }

    private long countCurrent(SealedColumn column) {
        return guarded(
                "count current sealed values",
                () -> transactions.executeRead(status -> {
                    try (PreparedStatement count = status.getConnection()
                            .prepareStatement("SELECT count(*) FROM " + column.table + " WHERE left(" + column.column
                                    + ", ?) = ?")) {
                        count.setInt(1, cipher.currentPrefix().length());
                        count.setString(2, cipher.currentPrefix());
                        try (ResultSet result = count.executeQuery()) {
                            result.next();
                            return result.getLong(1);
                        }
                    } catch (SQLException e) {
                        throw new DataAccessException("could not count the sealed values of " + column.table, e);
                    }
                }));
    }

    /** The next rows after the given key (keyset paging, so rows that fail to open are passed, not read again). */
    private List<Outdated> nextBatch(SealedColumn column, UUID afterInstallation, String afterUser, int batchSize) {
        String key = column.userColumn == null
                ? column.installationColumn
                : "(" + column.installationColumn + ", " + column.userColumn + ")";
        String after =
                afterInstallation == null ? "" : " AND " + key + " > " + (column.userColumn == null ? "?" : "(?, ?)");
        String sql = "SELECT " + column.installationColumn + ", "
                + (column.userColumn == null ? "NULL" : column.userColumn) + ", " + column.column + " FROM "
                + column.table + " WHERE " + column.column + " IS NOT NULL AND left(" + column.column + ", ?) <> ?"
                + after + " ORDER BY " + column.installationColumn
                + (column.userColumn == null ? "" : ", " + column.userColumn) + " LIMIT ?";
        return guarded(
                "read outdated sealed values",
                () -> transactions.executeRead(status -> {
                    try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
                        int i = 1;
                        select.setInt(i++, cipher.currentPrefix().length());
                        select.setString(i++, cipher.currentPrefix());
                        if (afterInstallation != null) {
                            select.setObject(i++, afterInstallation);
                            if (column.userColumn != null) {
                                select.setString(i++, afterUser);
                            }
                        }
                        select.setInt(i, batchSize);
                        List<Outdated> rows = new ArrayList<>();
                        try (ResultSet result = select.executeQuery()) {
                            while (result.next()) {
                                rows.add(new Outdated(
                                        result.getObject(1, UUID.class), result.getString(2), result.getString(3)));
                            }
                        }
                        return rows;
                    } catch (SQLException e) {
                        throw new DataAccessException("could not read the sealed values of " + column.table, e);
                    }
                }));
    }

    private static <T> T guarded(String operation, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, operation);
        }
    }
}
