package dev.gatehouse.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dependency rule as allow-lists: domain ← application ← adapters ← bootstrap, adapters never depend on each other.
 * Each layer's package must be non-empty, so no rule passes vacuously.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.gatehouse");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.gatehouse.domain",
                "dev.gatehouse.application",
                "dev.gatehouse.adapters.http",
                "dev.gatehouse.adapters.persistence",
                "dev.gatehouse.adapters.sealing",
                "dev.gatehouse.bootstrap"
            })
    void everyLayerHasClasses(String pkg) {
        assertThat(MAIN.stream().filter(c -> c.getPackageName().startsWith(pkg)).count())
                .as("classes in " + pkg)
                .isGreaterThan(3);
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("dev.gatehouse.domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.gatehouse.domain..", "java..")
                .check(MAIN);
    }

    @Test
    void applicationDependsOnTheDomainTheJdkAndSlf4jOnly() {
        classes()
                .that()
                .resideInAPackage("dev.gatehouse.application..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.gatehouse.application..", "dev.gatehouse.domain..", "java..", "org.slf4j..")
                .check(MAIN);
    }

    @Test
    void theHttpAdapterUsesTheCoreAndWebLibrariesOnly() {
        classes()
                .that()
                .resideInAPackage("dev.gatehouse.adapters.http..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.gatehouse.adapters.http..",
                        "dev.gatehouse.application..",
                        "dev.gatehouse.domain..",
                        "java..",
                        "javax.crypto..",
                        "jakarta.inject..",
                        "jakarta.annotation..",
                        "org.slf4j..",
                        "io.micronaut.http..",
                        "io.micronaut.views..", // the operator console's pages (JTE templates)
                        "io.micronaut.web..",
                        "io.micronaut.security..",
                        "io.micronaut.serde..",
                        "io.micronaut.json..",
                        "io.micronaut.core..",
                        "io.micronaut.context..",
                        "io.micronaut.inject..",
                        "io.micronaut.aop..",
                        "io.micronaut.scheduling..",
                        "io.github.bucket4j..", // token buckets of the per-installation rate limit
                        "io.micronaut.runtime..",
                        "io.micronaut.validation..",
                        "jakarta.validation..",
                        "io.micrometer..",
                        "io.micronaut.logging..", // generated definition of the Mattermost HTTP client's configuration
                        "com.nimbusds..",
                        "com.fasterxml.jackson.annotation..",
                        "com.fasterxml.jackson.core..", // strict streaming reads of the call token (ADR 0015)
                        "io.netty..", // the strict HTTP/1 handler on the server's pipeline
                        "org.reactivestreams..",
                        "reactor..")
                .check(MAIN);
    }

    @Test
    void thePersistenceAdapterUsesTheCoreAndStorageLibrariesOnly() {
        classes()
                .that()
                .resideInAPackage("dev.gatehouse.adapters.persistence..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.gatehouse.adapters.persistence..",
                        "dev.gatehouse.application..",
                        "dev.gatehouse.domain..",
                        "java..",
                        "javax.crypto..",
                        "javax.sql..",
                        "jakarta.inject..",
                        "jakarta.annotation..",
                        "jakarta.transaction..",
                        "org.slf4j..",
                        "io.micronaut.data..",
                        "io.micronaut.transaction..",
                        "io.micronaut.jdbc..",
                        "io.micronaut.configuration.jdbc..",
                        "io.micronaut.flyway..",
                        "io.micronaut.core..",
                        "io.micronaut.context..",
                        "io.micronaut.inject..",
                        "io.micronaut.aop..",
                        "io.micronaut.scheduling..",
                        "io.micronaut.runtime..",
                        "io.micronaut.management..",
                        "io.micronaut.health..",
                        "io.micronaut.serde..",
                        "io.micronaut.json..", // users' OAuth2 tokens are sealed as JSON
                        "com.fasterxml.jackson.annotation..",
                        "io.micrometer..",
                        "org.postgresql..",
                        "org.flywaydb..", // migrations run on their own connections (MigrationConnections)
                        "com.zaxxer.hikari..",
                        "org.reactivestreams..",
                        "reactor..")
                .check(MAIN);
    }

    @Test
    void theSealingAdapterUsesTheDomainTheJdkAndTheContainerOnly() {
        classes()
                .that()
                .resideInAPackage("dev.gatehouse.adapters.sealing..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.gatehouse.adapters.sealing..",
                        "dev.gatehouse.domain..",
                        "java..",
                        "javax.crypto..",
                        "jakarta.inject..",
                        "io.micronaut.core..",
                        "io.micronaut.context..",
                        "io.micronaut.inject..",
                        "io.micronaut.json..") // the signed state's payload is JSON
                .check(MAIN);
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.gatehouse.bootstrap..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gatehouse.bootstrap..")
                .check(MAIN);
    }
}
