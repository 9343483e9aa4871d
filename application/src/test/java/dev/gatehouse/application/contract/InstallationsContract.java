package dev.gatehouse.application.contract;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.Installations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link Installations} must do. Run by the in-memory fake and by the real
 * JDBC adapter on Postgres, so the fake cannot drift from reality. Implementations must start empty or
 * tolerate other rows (tests use unique site URLs).
 */
public abstract class InstallationsContract {

    protected abstract Installations installations();

    @Test
    void storesAndLoadsEveryField() {
        Secret previous = Secret.generate();
        Installation original = InstallationFixtures.anActive(uniqueUrl(), previous)
                .rotateSecret(Secret.generate(), T0.plusSeconds(1), Duration.ofHours(2))
                .changeApiUrl(SiteUrl.of("http://mattermost.internal:8065"), T0.plusSeconds(2))
                .recordInstall("bot-user-1", T0.plusSeconds(3))
                .recordUninstall(T0.plusSeconds(4))
                .changeRateLimit(new RateLimit(30, 90), T0.plusSeconds(4))
                .disable(T0.plusSeconds(5));
        installations().add(original);

        Installation loaded = installations().findById(original.id()).orElseThrow();
        assertThat(loaded.name()).isEqualTo(original.name());
        assertThat(loaded.siteUrl()).isEqualTo(original.siteUrl());
        assertThat(loaded.apiUrl()).isEqualTo(original.apiUrl());
        assertThat(loaded.status()).isEqualTo(InstallationStatus.DISABLED);
        assertThat(loaded.secret().matches(original.secret())).isTrue();
        assertThat(loaded.previousSecret()).isPresent();
        assertThat(loaded.previousSecret().get().secret().matches(previous)).isTrue();
        assertThat(loaded.previousSecret().get().acceptedUntil())
                .isEqualTo(T0.plusSeconds(1).plus(Duration.ofHours(2)));
        assertThat(loaded.botUserId()).contains("bot-user-1");
        assertThat(loaded.secretSetAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(loaded.installedAt()).contains(T0.plusSeconds(3));
        assertThat(loaded.uninstalledAt()).contains(T0.plusSeconds(4));
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(loaded.version()).isZero();
        assertThat(loaded.rateLimit()).contains(new RateLimit(30, 90));
    }

    @Test
    void anOwnRateLimitIsChangedAndCleared() {
        Installation stored = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));
        assertThat(installations().findById(stored.id()).orElseThrow().rateLimit())
                .isEmpty();
        stored = installations().update(stored.changeRateLimit(RateLimit.perSecond(5), T0.plusSeconds(1)));
        assertThat(installations().findById(stored.id()).orElseThrow().rateLimit())
                .contains(new RateLimit(5, 10));
        installations().update(stored.changeRateLimit(null, T0.plusSeconds(2)));
        assertThat(installations().findById(stored.id()).orElseThrow().rateLimit())
                .isEmpty();
    }

    @Test
    void searchFindsByNameOrSiteUrlIgnoringCaseAndTakesWildcardsLiterally() {
        String marker = "Srch" + System.nanoTime();
        String url = uniqueUrl().replace("https://", "https://" + marker.toLowerCase() + "-");
        Installation byUrl = installations()
                .add(Installation.create(
                        InstallationId.random(), "plain", SiteUrl.of(url), null, Secret.generate(), T0));
        Installation byName = installations()
                .add(Installation.create(
                        InstallationId.random(),
                        marker + " 100%_chat",
                        SiteUrl.of(uniqueUrl()),
                        null,
                        Secret.generate(),
                        T0));

        assertThat(installations().search(marker.toUpperCase(), 0, 10).items())
                .extracting(Installation::id)
                .containsExactlyInAnyOrder(byUrl.id(), byName.id());
        assertThat(installations().search(marker + " 100%_", 0, 10).items())
                .extracting(Installation::id)
                .containsExactly(byName.id());
        assertThat(installations().search(marker + "%", 0, 10).total()).isZero();
        assertThat(installations().search(marker, 1, 1).items())
                .hasSize(1)
                .extracting(Installation::id)
                .containsAnyOf(byUrl.id(), byName.id());
        assertThat(installations().search(marker, 0, 10).total()).isEqualTo(2);
    }

    @Test
    void keepsSubSecondTimestampsToTheMicrosecond() {
        Installation original = Installation.create(
                InstallationId.random(),
                "precise",
                SiteUrl.of(uniqueUrl()),
                null,
                Secret.generate(),
                T0.plusNanos(123_456_000));
        installations().add(original);
        assertThat(installations().findById(original.id()).orElseThrow().createdAt())
                .isEqualTo(T0.plusNanos(123_456_000).truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void unknownIdIsEmpty() {
        assertThat(installations().findById(InstallationId.random())).isEmpty();
    }

    @Test
    void refusesASecondInstallationForTheSameSite() {
        String url = uniqueUrl();
        installations().add(InstallationFixtures.anActive(url, Secret.generate()));
        assertThatThrownBy(() -> installations().add(InstallationFixtures.anActive(url + "/", Secret.generate())))
                .isInstanceOf(DuplicateSiteUrlException.class);
    }

    @Test
    void refusesTheSameServerUnderTheOtherScheme() {
        String url = uniqueUrl();
        installations().add(InstallationFixtures.anActive(url, Secret.generate()));
        assertThatThrownBy(() -> installations()
                        .add(InstallationFixtures.anActive(url.replace("https://", "http://"), Secret.generate())))
                .isInstanceOf(DuplicateSiteUrlException.class);
    }

    @Test
    void updateBumpsTheVersion() {
        Installation added = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));
        Installation updated = installations().update(added.rename("Renamed", T0.plusSeconds(1)));
        assertThat(updated.version()).isEqualTo(added.version() + 1);
        assertThat(installations().findById(added.id()).orElseThrow().name()).isEqualTo("Renamed");
    }

    @Test
    void refusesAnUpdateBasedOnAStaleVersion() {
        Installation added = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));
        installations().update(added.rename("First", T0.plusSeconds(1)));
        assertThatThrownBy(() -> installations().update(added.rename("Second", T0.plusSeconds(2))))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(installations().findById(added.id()).orElseThrow().name()).isEqualTo("First");
    }

    @Test
    void refusesAnUpdateOfADeletedInstallation() {
        Installation added = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));
        assertThat(installations().delete(added.id())).isTrue();
        assertThatThrownBy(() -> installations().update(added.rename("Ghost", T0)))
                .isInstanceOf(ConcurrentChangeException.class);
    }

    @Test
    void deleteRemovesAndReportsWhetherThereWasAnything() {
        Installation added = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));
        assertThat(installations().delete(added.id())).isTrue();
        assertThat(installations().findById(added.id())).isEmpty();
        assertThat(installations().delete(added.id())).isFalse();
    }

    @Test
    void listsPagesInCreationOrder() {
        long before = installations().list(0, 1).total();
        Installation first = installations()
                .add(Installation.create(
                        InstallationId.random(),
                        "p1",
                        SiteUrl.of(uniqueUrl()),
                        null,
                        Secret.generate(),
                        T0.plus(Duration.ofDays(3650))));
        Installation second = installations()
                .add(Installation.create(
                        InstallationId.random(),
                        "p2",
                        SiteUrl.of(uniqueUrl()),
                        null,
                        Secret.generate(),
                        T0.plus(Duration.ofDays(3651))));
        Page<Installation> page = installations().list((int) before, 1);
        assertThat(page.total()).isEqualTo(before + 2);
        assertThat(page.items()).extracting(Installation::id).containsExactly(first.id());
        assertThat(installations().list((int) before + 1, 1).items())
                .extracting(Installation::id)
                .containsExactly(second.id());
        assertThat(installations().list(10_000, 10).items()).isEmpty();
    }

    @Test
    void storesAndLoadsTheBotAndTheSlashCommands() {
        BotAccount bot = new BotAccount("bot-user-9", new BotToken("bot-token-" + System.nanoTime()), "token-id-1");
        SlashCommand teamB = SlashCommand.withToken("team-b", "Team B", "command-b", "tokenofteambbbbbbbbbbbbbbb");
        SlashCommand teamA = SlashCommand.withToken("team-a", null, null, "tokenofteamaaaaaaaaaaaaaaa");
        Installation original = InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                .adoptBot(bot, T0.plusSeconds(1))
                .adoptSlashCommand(teamB, T0.plusSeconds(2))
                .adoptSlashCommand(teamA, T0.plusSeconds(3));

        Installation added = installations().add(original);
        assertThat(added.bot()).contains(bot);
        assertThat(added.slashCommands()).containsExactly(teamA, teamB);

        Installation loaded = installations().findById(original.id()).orElseThrow();
        assertThat(loaded.bot()).contains(bot);
        assertThat(loaded.bot().orElseThrow().token().value())
                .isEqualTo(bot.token().value());
        assertThat(loaded.bot().orElseThrow().madeByGatehouse()).contains("token-id-1");
        assertThat(loaded.slashCommands()).containsExactly(teamA, teamB);
        assertThat(loaded.slashCommands().get(0).teamName()).isNull();
        assertThat(loaded.slashCommands().get(1).commandId()).isEqualTo("command-b");
        assertThat(loaded.slashCommandFor("tokenofteamaaaaaaaaaaaaaaa"))
                .map(SlashCommand::teamId)
                .contains("team-a");
    }

    @Test
    void anInstallationWithoutBotOrSlashCommandsLoadsWithNone() {
        Installation added = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));
        Installation loaded = installations().findById(added.id()).orElseThrow();
        assertThat(loaded.bot()).isEmpty();
        assertThat(loaded.slashCommands()).isEmpty();
    }

    @Test
    void anUpdateReplacesTheBotAndTheSlashCommands() {
        Installation added = installations()
                .add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                        .adoptBot(new BotAccount("bot-1", new BotToken("first-bot-token"), "id-1"), T0)
                        .adoptSlashCommand(SlashCommand.withToken("team-a", "A", "cmd-a", "oldtokenofteama"), T0)
                        .adoptSlashCommand(SlashCommand.withToken("team-b", "B", "cmd-b", "tokenofteamb"), T0));

        BotAccount replacement = new BotAccount("bot-2", new BotToken("second-bot-token"), null);
        SlashCommand regenerated = SlashCommand.withToken("team-a", "A", "cmd-a", "newtokenofteama");
        SlashCommand teamC = SlashCommand.withToken("team-c", "C", "cmd-c", "tokenofteamc");
        Installation updated = installations()
                .update(added.adoptBot(replacement, T0.plusSeconds(1))
                        .adoptSlashCommand(regenerated, T0.plusSeconds(1))
                        .forgetSlashCommand("team-b", T0.plusSeconds(1))
                        .adoptSlashCommand(teamC, T0.plusSeconds(1)));
        assertThat(updated.bot()).contains(replacement);
        assertThat(updated.slashCommands()).containsExactly(regenerated, teamC);

        Installation loaded = installations().findById(added.id()).orElseThrow();
        assertThat(loaded.bot()).contains(replacement);
        assertThat(loaded.bot().orElseThrow().madeByGatehouse()).isEmpty();
        assertThat(loaded.slashCommands()).containsExactly(regenerated, teamC);
        assertThat(loaded.slashCommandFor("oldtokenofteama")).isEmpty();
        assertThat(loaded.slashCommandFor("tokenofteamb")).isEmpty();
        assertThat(loaded.slashCommandFor("newtokenofteama")).contains(regenerated);
    }

    @Test
    void forgettingTheBotAndEverySlashCommandLeavesNone() {
        Installation added = installations()
                .add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                        .adoptBot(new BotAccount("bot-1", new BotToken("a-bot-token"), "id-1"), T0)
                        .adoptSlashCommand(SlashCommand.withToken("team-a", "A", "cmd-a", "tokenofteama"), T0));

        installations().update(added.forgetBot(T0.plusSeconds(1)).forgetSlashCommand("team-a", T0.plusSeconds(1)));

        Installation loaded = installations().findById(added.id()).orElseThrow();
        assertThat(loaded.bot()).isEmpty();
        assertThat(loaded.slashCommands()).isEmpty();
    }

    @Test
    void anUpdateOfSomethingElseKeepsTheBotAndTheSlashCommands() {
        BotAccount bot = new BotAccount("bot-1", new BotToken("a-bot-token"), "id-1");
        SlashCommand command = SlashCommand.withToken("team-a", "A", "cmd-a", "tokenofteama");
        Installation added = installations()
                .add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                        .adoptBot(bot, T0)
                        .adoptSlashCommand(command, T0));

        installations().update(added.rename("Renamed", T0.plusSeconds(1)).disable(T0.plusSeconds(1)));

        Installation loaded = installations().findById(added.id()).orElseThrow();
        assertThat(loaded.name()).isEqualTo("Renamed");
        assertThat(loaded.bot()).contains(bot);
        assertThat(loaded.slashCommands()).containsExactly(command);
    }

    @Test
    void aStaleUpdateChangesNeitherTheBotNorTheSlashCommands() {
        BotAccount bot = new BotAccount("bot-1", new BotToken("a-bot-token"), "id-1");
        SlashCommand command = SlashCommand.withToken("team-a", "A", "cmd-a", "tokenofteama");
        Installation added = installations()
                .add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                        .adoptBot(bot, T0)
                        .adoptSlashCommand(command, T0));
        installations().update(added.rename("First", T0.plusSeconds(1)));

        assertThatThrownBy(() -> installations()
                        .update(added.forgetBot(T0.plusSeconds(2))
                                .forgetSlashCommand("team-a", T0.plusSeconds(2))
                                .adoptSlashCommand(
                                        SlashCommand.withToken("team-b", "B", "cmd-b", "tokenofteamb"),
                                        T0.plusSeconds(2))))
                .isInstanceOf(ConcurrentChangeException.class);

        Installation loaded = installations().findById(added.id()).orElseThrow();
        assertThat(loaded.bot()).contains(bot);
        assertThat(loaded.slashCommands()).containsExactly(command);
    }

    @Test
    void listCarriesEachInstallationsOwnBotAndSlashCommands() {
        Installation withBoth = installations()
                .add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                        .adoptBot(new BotAccount("bot-of-1", new BotToken("token-of-bot-1"), "id-1"), T0)
                        .adoptSlashCommand(SlashCommand.withToken("team-1a", "1A", "c-1a", "tokenof1a"), T0)
                        .adoptSlashCommand(SlashCommand.withToken("team-1b", "1B", "c-1b", "tokenof1b"), T0));
        Installation withCommandOnly = installations()
                .add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate())
                        .adoptSlashCommand(SlashCommand.withToken("team-2", "2", "c-2", "tokenof2"), T0));
        Installation withNeither = installations().add(InstallationFixtures.anActive(uniqueUrl(), Secret.generate()));

        long total = installations().list(0, 1).total();
        Page<Installation> all = installations().list(0, (int) total + 10);
        assertThat(all.items())
                .filteredOn(i -> i.id().equals(withBoth.id()))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.bot()).isEqualTo(withBoth.bot());
                    assertThat(i.slashCommands())
                            .isEqualTo(withBoth.slashCommands())
                            .hasSize(2);
                });
        assertThat(all.items())
                .filteredOn(i -> i.id().equals(withCommandOnly.id()))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.bot()).isEmpty();
                    assertThat(i.slashCommands())
                            .isEqualTo(withCommandOnly.slashCommands())
                            .hasSize(1);
                });
        assertThat(all.items())
                .filteredOn(i -> i.id().equals(withNeither.id()))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.bot()).isEmpty();
                    assertThat(i.slashCommands()).isEmpty();
                });
    }

    private static int counter;

    protected static synchronized String uniqueUrl() {
        counter++;
        return "https://contract-" + System.nanoTime() + "-" + counter + ".example.com";
    }
}
