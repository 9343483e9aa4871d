package dev.gatehouse.adapters.persistence.installation;

import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.InstallationsContract;
import dev.gatehouse.domain.port.Installations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The port contract, on real Postgres with the real migrations. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcInstallationsIT extends InstallationsContract implements TestPropertyProvider {

    @Inject
    JdbcInstallations installations;

    @Override
    protected Installations installations() {
        return installations;
    }

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.shared().stringProperties();
    }
}
