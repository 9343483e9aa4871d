package dev.gatehouse.adapters.persistence.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.testing.Eventually;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.application.contract.InstallationsContract;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Installations bean is the cache: it passes the port contract and keeps serving while the database is away. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingInstallationsIT extends InstallationsContract {

    private TcpProxy proxy;
    private ApplicationContext context;
    private final AtomicLong nanos = new AtomicLong();

    @BeforeAll
    void start() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        proxy = TcpProxy.start(database.host(), database.port());
        context =
                ApplicationContext.run(database.via(proxy.host(), proxy.port()).properties());
    }

    @AfterAll
    void stop() {
        context.close();
        proxy.close();
    }

    @Override
    protected Installations installations() {
        return context.getBean(Installations.class);
    }

    /** The real cache over the real JDBC adapter, with a clock the test moves. */
    private CachingInstallations withTestClock() {
        return new CachingInstallations(
                context.getBean(JdbcInstallations.class),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                null,
                nanos::get);
    }

    /**
     * Back online, and the pool has dropped the connections the cut broke (each is dropped when it first fails),
     * so the next test starts on a working pool.
     */
    private void restore() {
        proxy.restore();
        JdbcInstallations jdbc = context.getBean(JdbcInstallations.class);
        Eventually.within(Duration.ofSeconds(10), "the database is reachable again", () -> {
            try {
                jdbc.list(0, 1);
                return true;
            } catch (StorageUnavailableException e) {
                return false;
            }
        });
    }

    @Test
    void theInstallationsBeanIsTheCache() {
        assertThat(installations()).isInstanceOf(CachingInstallations.class);
        assertThat(context.getBeansOfType(Installations.class)).hasSize(1);
    }

    @Test
    void servesAFreshEntryWithoutTheDatabase() {
        CachingInstallations cache = withTestClock();
        Installation added = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findById(added.id())).isPresent();
        proxy.cut();
        try {
            assertThat(cache.findById(added.id()))
                    .hasValueSatisfying(
                            i -> assertThat(i.secret().matches(added.secret())).isTrue());
        } finally {
            restore();
        }
    }

    @Test
    void servesTheLastKnownInstallationPastItsTtlWhileTheDatabaseIsDown() {
        CachingInstallations cache = withTestClock();
        Installation added = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findById(added.id())).isPresent();
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        proxy.cut();
        try {
            assertThat(cache.findById(added.id()))
                    .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(added.id()));
            assertThatThrownBy(() -> cache.findById(InstallationId.random()))
                    .isInstanceOf(StorageUnavailableException.class);
        } finally {
            restore();
        }
    }

    @Test
    void whileTheDatabaseIsDownAStaleEntryIsServedWithoutAskingItAgainForAFewSeconds() {
        CachingInstallations cache = withTestClock();
        Installation added = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findById(added.id())).isPresent();
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        proxy.cut();
        try {
            assertThat(cache.findById(added.id())).isPresent(); // one failed reload (a pool timeout)
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                assertThat(cache.findById(added.id())).isPresent();
            }
            // Fifty lookups in the retry window do not wait for fifty pool timeouts.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            nanos.addAndGet(CachingInstallations.STALE_RETRY_NANOS);
            assertThat(cache.findById(added.id())).isPresent(); // retried, failed again, still served
        } finally {
            restore();
        }
    }

    @Test
    void holdsFreshEntriesInMemoryForTheNonBlockingPath() {
        CachingInstallations cache = withTestClock();
        Installation added = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findInMemory(added.id())).isEmpty(); // writes invalidate; nothing loaded yet
        assertThat(cache.findById(added.id())).isPresent();
        assertThat(cache.findInMemory(added.id()))
                .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(added.id()));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(cache.findInMemory(added.id())).isEmpty(); // expired: only findById may reload it
        assertThat(cache.findInMemory(InstallationId.random())).isEmpty();
    }

    @Test
    void remembersNotFoundAndAsksAgainOnlyOnceItsSetOfIdsIsStale() {
        CachingInstallations cache = withTestClock();
        InstallationId unknown = InstallationId.random();
        assertThat(cache.findById(unknown)).isEmpty();
        proxy.cut();
        try {
            assertThat(cache.findById(unknown)).isEmpty(); // from the negative cache: the database is unreachable
            nanos.addAndGet(Duration.ofSeconds(6).toNanos());
            assertThat(cache.findById(unknown)).isEmpty(); // not among the ids, which are fresh for the ttl
            nanos.addAndGet(Duration.ofSeconds(25).toNanos());
            assertThatThrownBy(() -> cache.findById(unknown)).isInstanceOf(StorageUnavailableException.class);
        } finally {
            restore();
        }
    }

    @Test
    void madeUpIdsCostNoQuery() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CachingInstallations cache = new CachingInstallations(
                context.getBean(JdbcInstallations.class),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                meters,
                nanos::get);
        Installation known = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findById(known.id())).isPresent();
        double misses = meters.counter("gatehouse.installations.cache.requests", "result", "miss")
                .count();

        proxy.cut(); // not one of these may reach the database
        try {
            for (int i = 0; i < 1000; i++) {
                assertThat(cache.findById(InstallationId.random())).isEmpty();
            }
        } finally {
            restore();
        }
        assertThat(meters.counter("gatehouse.installations.cache.requests", "result", "miss")
                        .count())
                .isEqualTo(misses);
        assertThat(meters.counter("gatehouse.installations.cache.requests", "result", "absent")
                        .count())
                .isEqualTo(1000);
    }

    @Test
    void anAgedSetOfIdsIsReloadedOffTheCallersThreadWhileLookupsAskTheDatabase() {
        List<Runnable> queued = new ArrayList<>();
        CachingInstallations cache = new CachingInstallations(
                context.getBean(JdbcInstallations.class),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                null,
                nanos::get,
                queued::add);
        JdbcInstallations jdbc = context.getBean(JdbcInstallations.class);
        Installation first = jdbc.add(InstallationFixtures.anActive());

        // no set loaded yet: the lookup is answered from the database, the load is only handed to the loader
        assertThat(cache.findById(first.id())).isPresent();
        assertThat(queued).hasSize(1);
        queued.remove(0).run();

        Installation unheard = jdbc.add(InstallationFixtures.anActive()); // made elsewhere, notification missed
        nanos.addAndGet(Duration.ofSeconds(31).toNanos()); // the set ages
        assertThat(cache.findById(unheard.id())).isPresent(); // not refused on the aged set, not waiting for a reload
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        assertThat(cache.findById(InstallationId.random())).isEmpty(); // the reloaded set answers unknown ids
        assertThat(queued).isEmpty();
    }

    @Test
    void anInstallationMadeElsewhereIsFoundOnceHeardOfOrOnceTheSetIsStale() {
        CachingInstallations cache = withTestClock();
        JdbcInstallations jdbc = context.getBean(JdbcInstallations.class);
        assertThat(cache.findById(InstallationId.random())).isEmpty(); // the set of ids is loaded
        // made through another replica: this cache hears of it only by its notification
        Installation heard = jdbc.add(InstallationFixtures.anActive());
        Installation unheard = jdbc.add(InstallationFixtures.anActive());
        assertThat(cache.findById(heard.id())).isEmpty();
        cache.invalidate(heard.id()); // what the change listener does with the notification
        assertThat(cache.findById(heard.id())).isPresent();
        // a missed notification: found once the set is loaded again (after the ttl, or a listener reconnect)
        cache.revalidateAll();
        assertThat(cache.findById(unheard.id())).isPresent();
        Installation late = jdbc.add(InstallationFixtures.anActive());
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(cache.findById(late.id())).isPresent();
    }

    @Test
    void aDeletedInstallationLeavesTheSetOfIds() {
        CachingInstallations cache = withTestClock();
        Installation gone = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findById(gone.id())).isPresent();
        assertThat(cache.delete(gone.id())).isTrue();
        assertThat(cache.findById(gone.id())).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos()); // past the negative ttl: the set answers, not the database
        proxy.cut();
        try {
            assertThat(cache.findById(gone.id())).isEmpty();
        } finally {
            restore();
        }
    }

    @Test
    void expiredEntriesAreLoadedAgain() {
        CachingInstallations cache = withTestClock();
        Installation added = cache.add(InstallationFixtures.anActive());
        assertThat(cache.findById(added.id())).isPresent();
        // changed behind this cache's back (as by another replica whose notification this instance does not hear)
        context.getBean(JdbcInstallations.class).update(added.rename("Behind its back", added.createdAt()));
        assertThat(cache.findById(added.id()).orElseThrow().name()).isEqualTo(added.name());
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(cache.findById(added.id()).orElseThrow().name()).isEqualTo("Behind its back");
    }
}
