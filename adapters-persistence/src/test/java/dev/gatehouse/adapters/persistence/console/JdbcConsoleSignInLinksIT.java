package dev.gatehouse.adapters.persistence.console;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.ConsoleSignInLinksContract;
import dev.gatehouse.domain.port.ConsoleSignInLinks;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The port contract on real Postgres: racing spends run on separate pooled connections, as replicas would. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcConsoleSignInLinksIT extends ConsoleSignInLinksContract implements TestPropertyProvider {

    @Inject
    JdbcConsoleSignInLinks links;

    @Override
    protected ConsoleSignInLinks links() {
        return links;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }
}
