package dev.gatehouse.domain.port;

import java.util.function.Supplier;

/** Runs work so that all of its writes are committed together or not at all. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
