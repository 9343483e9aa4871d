package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.port.Transactions;
import java.util.function.Supplier;

/** For use-case tests on fakes: runs the work as it is (the fakes have nothing to roll back). */
public final class DirectTransactions implements Transactions {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
