package dev.gatehouse.application.installation;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.DirectTransactions;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstallationUseCasesTest {

    private final InMemoryInstallations installations = new InMemoryInstallations();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final DirectTransactions tx = new DirectTransactions();
    private final MutableClock clock = new MutableClock(T0);
    private final RegisterInstallation register = new RegisterInstallation(installations, audit, tx, clock);
    private final ChangeInstallation change = new ChangeInstallation(installations, audit, tx, clock);
    private final RotateSecret rotate = new RotateSecret(installations, audit, tx, clock);
    private final SetSecret setStrict = new SetSecret(installations, audit, tx, clock, false);
    private final SetSecret setLenient = new SetSecret(installations, audit, tx, clock, true);
    private final DeleteInstallation delete = new DeleteInstallation(installations, audit, tx, clock);
    private final FindInstallations find = new FindInstallations(installations);

    private RegisterInstallation.Result.Registered registered(String url) {
        return (RegisterInstallation.Result.Registered)
                register.register(new RegisterInstallation.Command("admin:alice", "Acme", url, null));
    }

    @Test
    void registersWithANormalisedSiteUrlAndAFreshSecret() {
        var result = registered("HTTPS://Chat.Example.com:443/");
        assertThat(result.installation().siteUrl()).isEqualTo(SiteUrl.of("https://chat.example.com"));
        assertThat(result.secret().isWeak()).isFalse();
        assertThat(installations
                        .findById(result.installation().id())
                        .orElseThrow()
                        .secret()
                        .matches(result.secret()))
                .isTrue();
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("installation.register");
            assertThat(e.actor()).isEqualTo("admin:alice");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        });
        assertThat(result.toString()).doesNotContain(result.secret().value());
    }

    @Test
    void refusesADuplicateSiteUrlAndAuditsIt() {
        registered("https://chat.example.com");
        var again = register.register(
                new RegisterInstallation.Command("admin:bob", "Again", "https://CHAT.example.com/", null));
        assertThat(again).isInstanceOf(RegisterInstallation.Result.DuplicateSiteUrl.class);
        assertThat(audit.all()).last().extracting(AuditEvent::outcome).isEqualTo(AuditOutcome.REFUSED);
        assertThat(find.page(0, 10).total()).isEqualTo(1);
    }

    @Test
    void badInputFailsBeforeAnythingIsStored() {
        assertThatThrownBy(() -> register.register(new RegisterInstallation.Command("a", "n", "ftp://x", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site_url must start with http:// or https://");
        assertThatThrownBy(() ->
                        register.register(new RegisterInstallation.Command("a", "n", "https://x.example", "nope")))
                .hasMessageContaining("api_url");
        assertThat(find.page(0, 10).total()).isZero();
    }

    @Test
    void renamesDisablesAndSetsTheApiUrlInOneChange() {
        InstallationId id =
                registered("https://chat.example.com").installation().id();
        var result = change.change(new ChangeInstallation.Command(
                "admin:alice",
                id,
                Optional.of("New name"),
                Optional.of(InstallationStatus.DISABLED),
                Optional.of("http://mm.internal:8065")));
        Installation changed = ((ChangeResult.Changed) result).installation();
        assertThat(changed.name()).isEqualTo("New name");
        assertThat(changed.isActive()).isFalse();
        assertThat(changed.apiUrl()).contains(SiteUrl.of("http://mm.internal:8065"));

        var cleared = change.change(
                new ChangeInstallation.Command("admin:alice", id, Optional.empty(), Optional.empty(), Optional.of("")));
        assertThat(((ChangeResult.Changed) cleared).installation().apiUrl()).isEmpty();
    }

    @Test
    void aChangeNeedsSomethingToChange() {
        assertThatThrownBy(() -> new ChangeInstallation.Command(
                        "a", InstallationId.random(), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("nothing to change");
    }

    @Test
    void unknownInstallationsAreNotFound() {
        InstallationId unknown = InstallationId.random();
        assertThat(rotate.rotate("cli", unknown, Duration.ZERO)).isInstanceOf(ChangeResult.NotFound.class);
        assertThat(delete.delete("cli", unknown)).isInstanceOf(ChangeResult.NotFound.class);
        assertThat(change.change(new ChangeInstallation.Command(
                        "cli", unknown, Optional.of("x"), Optional.empty(), Optional.empty())))
                .isInstanceOf(ChangeResult.NotFound.class);
    }

    @Test
    void rotationIssuesANewSecretAndKeepsTheOldOneForTheGraceWindow() {
        var reg = registered("https://chat.example.com");
        var rotated = (ChangeResult.SecretIssued)
                rotate.rotate("admin:alice", reg.installation().id(), Duration.ofHours(1));
        Installation stored = installations.findById(reg.installation().id()).orElseThrow();
        assertThat(stored.acceptedSecrets(T0)).containsExactly(rotated.secret(), reg.secret());
        assertThat(stored.acceptedSecrets(T0.plus(Duration.ofHours(1)))).containsExactly(rotated.secret());
        assertThat(audit.all()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("secret.rotate");
            assertThat(e.detail())
                    .isEqualTo("grace_seconds=3600")
                    .doesNotContain(rotated.secret().value());
        });
    }

    @Test
    void weakOperatorSecretsAreRefusedUnlessAllowed() {
        InstallationId id =
                registered("https://chat.example.com").installation().id();
        assertThat(setStrict.set("cli", id, new Secret("1234"))).isInstanceOf(ChangeResult.WeakSecretRefused.class);
        assertThat(installations.findById(id).orElseThrow().secret().matches(new Secret("1234")))
                .isFalse();

        var lenient = (ChangeResult.Changed) setLenient.set("cli", id, new Secret("1234"));
        assertThat(lenient.installation().hasWeakSecret()).isTrue();
        assertThat(audit.all()).last().extracting(AuditEvent::detail).isEqualTo("weak=true");
        assertThat(audit.all()).noneMatch(e -> e.detail().contains("1234"));
    }

    @Test
    void deleteRemovesAndAudits() {
        InstallationId id =
                registered("https://chat.example.com").installation().id();
        assertThat(delete.delete("cli", id)).isInstanceOf(ChangeResult.Deleted.class);
        assertThat(find.byId(id)).isEmpty();
        assertThat(audit.all()).last().extracting(AuditEvent::action).isEqualTo("installation.delete");
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> find.page(0, 0)).hasMessageContaining("size");
        assertThatThrownBy(() -> find.page(0, 501)).hasMessageContaining("size");
        assertThatThrownBy(() -> find.page(-1, 10)).hasMessageContaining("page");
    }

    @Test
    void everyChangeResultIsAKnownType() {
        // Controllers map these with instanceof chains; this keeps the list in view when one is added.
        assertThat(ChangeResult.class.getPermittedSubclasses()).hasSize(8);
    }
}
