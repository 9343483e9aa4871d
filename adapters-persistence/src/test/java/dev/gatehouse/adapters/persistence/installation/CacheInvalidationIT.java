package dev.gatehouse.adapters.persistence.installation;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.Eventually;
import dev.gatehouse.adapters.persistence.testing.TcpProxy;
import dev.gatehouse.adapters.persistence.testing.TestDatabase;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.StorageUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas on one database: a change through A reaches B's cache through LISTEN/NOTIFY, long before the 30 s TTL;
 * B keeps serving through an outage of its database connection and catches up once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheInvalidationIT {

    private static final Duration NOTIFIED = Duration.ofSeconds(1);

    private TcpProxy proxyOfB;
    private ApplicationContext a;
    private ApplicationContext b;

    @BeforeAll
    void start() {
        TestDatabase database = TestDatabase.shared().freshDatabase();
        a = ApplicationContext.run(database.properties());
        proxyOfB = TcpProxy.start(database.host(), database.port());
        Map<String, Object> propertiesOfB =
                database.via(proxyOfB.host(), proxyOfB.port()).properties();
        propertiesOfB.put("flyway.datasources.default.clean-schema", false); // A already migrated; do not wipe it
        b = ApplicationContext.run(propertiesOfB);
    }

    @AfterAll
    void stop() {
        b.close();
        a.close();
        proxyOfB.close();
    }

    private Installations viaA() {
        return a.getBean(Installations.class);
    }

    private Installations viaB() {
        return b.getBean(Installations.class);
    }

    /**
     * Added through A and cached by B after B heard of the addition (the notification of the add would otherwise
     * evict B's entry at some later moment and make the test's view of B's cache a guess).
     */
    private Installation cachedByB() {
        return cachedByB(InstallationFixtures.anActive());
    }

    private Installation cachedByB(Installation installation) {
        Counter invalidationsOfB =
                b.getBean(MeterRegistry.class).counter("gatehouse.installations.cache.invalidations");
        double before = invalidationsOfB.count();
        Installation added = viaA().add(installation);
        Eventually.within(NOTIFIED, "B hears of the addition", () -> invalidationsOfB.count() > before);
        assertThat(viaB().findById(added.id())).isPresent();
        return added;
    }

    @Test
    void aRotatedSecretReachesTheOtherReplica() {
        Installation installation = cachedByB();
        Secret rotated = Secret.generate();
        viaA().update(installation.rotateSecret(rotated, T0.plusSeconds(1), Duration.ofMinutes(5)));

        Eventually.within(
                NOTIFIED,
                "B accepts the rotated secret",
                () -> viaB().findById(installation.id()).orElseThrow().secret().matches(rotated));
        assertThat(viaB().findById(installation.id()).orElseThrow().acceptedSecrets(T0.plusSeconds(2)))
                .hasSize(2)
                .anySatisfy(s -> assertThat(s.matches(installation.secret())).isTrue());
    }

    @Test
    void aDisabledInstallationReachesTheOtherReplica() {
        Installation installation = cachedByB();
        viaA().update(installation.disable(T0.plusSeconds(1)));

        Eventually.within(
                NOTIFIED,
                "B sees the installation disabled",
                () -> viaB().findById(installation.id()).orElseThrow().status() == InstallationStatus.DISABLED);
    }

    @Test
    void aDeletedInstallationDisappearsFromTheOtherReplica() {
        Installation installation = cachedByB();
        assertThat(viaA().delete(installation.id())).isTrue();

        Eventually.within(
                NOTIFIED,
                "B no longer finds the installation",
                () -> viaB().findById(installation.id()).isEmpty());
    }

    @Test
    void anInstallationAddedAfterBCachedNotFoundIsFound() {
        InstallationId id = InstallationId.random();
        assertThat(viaB().findById(id)).isEmpty();
        viaA().add(Installation.create(
                id, "Late", SiteUrl.of("https://late-" + id + ".example.com"), null, Secret.generate(), T0));

        Eventually.within(
                NOTIFIED,
                "B finds the new installation",
                () -> viaB().findById(id).isPresent());
    }

    @Test
    void aSlashCommandAdoptedThroughAIsAcceptedByB() {
        Installation installation = cachedByB();
        assertThat(viaB().findById(installation.id()).orElseThrow().slashCommandFor("tokenofteama"))
                .isEmpty();
        viaA().update(installation.adoptSlashCommand(
                SlashCommand.withToken("team-a", "A", "cmd-a", "tokenofteama"), T0.plusSeconds(1)));

        Eventually.within(
                NOTIFIED,
                "B accepts the adopted command's token",
                () -> viaB().findById(installation.id())
                        .orElseThrow()
                        .slashCommandFor("tokenofteama")
                        .isPresent());
    }

    @Test
    void aSlashCommandForgottenThroughAIsRefusedByB() {
        Installation added = cachedByB(InstallationFixtures.anActive()
                .adoptSlashCommand(SlashCommand.withToken("team-a", "A", "cmd-a", "tokenofteama"), T0));
        assertThat(viaB().findById(added.id()).orElseThrow().slashCommandFor("tokenofteama"))
                .isPresent();

        viaA().update(added.forgetSlashCommand("team-a", T0.plusSeconds(1)));

        Eventually.within(
                NOTIFIED,
                "B refuses the forgotten command's token",
                () -> viaB().findById(added.id())
                        .orElseThrow()
                        .slashCommandFor("tokenofteama")
                        .isEmpty());
    }

    @Test
    void aBotAdoptedThroughAIsUsedByB() {
        Installation installation = cachedByB();
        BotAccount bot = new BotAccount("bot-user", new BotToken("adopted-bot-token"), null);
        viaA().update(installation.adoptBot(bot, T0.plusSeconds(1)));

        Eventually.within(
                NOTIFIED,
                "B holds the adopted bot",
                () -> viaB().findById(installation.id()).orElseThrow().bot().equals(Optional.of(bot)));
    }

    @Test
    void duringAnOutageBServesItsCacheAndAfterwardsCatchesUpWithChangesItMissed() {
        Installation installation = cachedByB();
        InstallationChangeListener listenerOfB = b.getBean(InstallationChangeListener.class);
        assertThat(listenerOfB.isListening()).isTrue();

        proxyOfB.cut();
        try {
            Eventually.within(
                    Duration.ofSeconds(5), "B's listener notices the outage", () -> !listenerOfB.isListening());
            assertThat(viaB().findById(installation.id()))
                    .hasValueSatisfying(i -> assertThat(i.name()).isEqualTo(installation.name()));
            viaA().update(installation.rename("Renamed during the outage", T0.plusSeconds(1)));
            // B cannot have heard of it
            assertThat(viaB().findById(installation.id()).orElseThrow().name()).isEqualTo(installation.name());
        } finally {
            proxyOfB.restore();
        }

        Eventually.within(Duration.ofSeconds(15), "B's listener reconnects", listenerOfB::isListening);
        // B's pool still holds connections the cut broke; each read that meets one fails and drops it
        Eventually.within(Duration.ofSeconds(10), "B sees the change made during the outage", () -> {
            try {
                return viaB().findById(installation.id()).orElseThrow().name().equals("Renamed during the outage");
            } catch (StorageUnavailableException e) {
                return false;
            }
        });
    }

    @Test
    void afterTheListenerReconnectsASecondOutageStillFindsTheCachedInstallationsWhichAreReadAgainOnceItEnds() {
        Installation installation = cachedByB();
        InstallationChangeListener listenerOfB = b.getBean(InstallationChangeListener.class);
        proxyOfB.cut();
        Eventually.within(Duration.ofSeconds(5), "B's listener notices the outage", () -> !listenerOfB.isListening());
        viaA().update(installation.rename("Renamed while B was not listening", T0.plusSeconds(1)));
        proxyOfB.restore();
        Eventually.within(Duration.ofSeconds(15), "B's listener reconnects", listenerOfB::isListening);

        // a second outage before anything asked for the installation again: B still has it to serve
        proxyOfB.cut();
        try {
            assertThat(viaB().findById(installation.id()))
                    .hasValueSatisfying(i -> assertThat(i.name()).isEqualTo(installation.name()));
        } finally {
            proxyOfB.restore();
        }
        // once the database is back, the entry marked on reconnect is read again rather than trusted
        Eventually.within(Duration.ofSeconds(10), "B reads the installation again", () -> {
            try {
                return viaB().findById(installation.id())
                        .orElseThrow()
                        .name()
                        .equals("Renamed while B was not listening");
            } catch (StorageUnavailableException e) {
                return false;
            }
        });
    }
}
