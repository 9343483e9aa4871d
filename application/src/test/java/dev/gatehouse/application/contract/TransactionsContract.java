package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.StorageUnavailableException;
import dev.gatehouse.domain.port.Transactions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link Transactions} must do and the in-memory one honestly can: return the work's
 * result and let its exceptions through as they are. That the writes are undone on an exception is real only for the
 * database, and is tested there.
 */
public abstract class TransactionsContract {

    protected abstract Transactions transactions();

    @Test
    void returnsWhatTheWorkReturns() {
        assertThat(transactions().inTransaction(() -> "committed")).isEqualTo("committed");
        Optional<String> nothing = transactions().inTransaction(Optional::empty);
        assertThat(nothing).isEmpty();
    }

    @Test
    void anExceptionFromTheWorkReachesTheCallerAsItIs() {
        List<RuntimeException> failures = List.of(
                new ConcurrentChangeException(InstallationId.random()),
                new DuplicateSiteUrlException(SiteUrl.of("https://chat.example.com")),
                new StorageUnavailableException("database unavailable", null),
                new IllegalStateException("a bug in the work"));
        for (RuntimeException failure : failures) {
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                        throw failure;
                    }))
                    .isSameAs(failure);
        }
    }
}
