package dev.gatehouse.adapters.persistence;

import dev.gatehouse.domain.port.Transactions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * One database transaction around a use case's writes (an installation change and its audit event). The JDBC
 * adapters run their statements through the same {@link TransactionOperations}, so they join it.
 */
@Singleton
public final class JdbcTransactions implements Transactions {

    private final TransactionOperations<Connection> transactions;

    public JdbcTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.executeWrite(status -> work.get());
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e, "run a transaction");
        }
    }
}
