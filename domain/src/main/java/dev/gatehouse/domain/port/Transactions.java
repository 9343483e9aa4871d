package dev.gatehouse.domain.port;

import java.util.function.Supplier;

/**
 * Runs work so that all of its writes are committed together or not at all. What the work returns is returned; an
 * exception the work throws reaches the caller as it is (use cases catch domain exceptions such as a concurrent
 * change), after its writes are undone. An adapter whose store cannot be reached throws
 * {@link StorageUnavailableException}.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);
}
