package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.TransactionsContract;
import dev.gatehouse.domain.port.Transactions;

class DirectTransactionsTest extends TransactionsContract {

    private final DirectTransactions transactions = new DirectTransactions();

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}
