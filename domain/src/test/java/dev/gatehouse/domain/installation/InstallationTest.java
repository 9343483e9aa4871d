package dev.gatehouse.domain.installation;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallationTest {

    @Test
    void aNewInstallationIsActiveAndAcceptsOnlyItsSecret() {
        Secret secret = Secret.generate();
        Installation installation = InstallationFixtures.anActive("https://chat.example.com", secret);
        assertThat(installation.isActive()).isTrue();
        assertThat(installation.acceptedSecrets(T0)).containsExactly(secret);
        assertThat(installation.version()).isZero();
    }

    @Test
    void rotationKeepsThePreviousSecretForTheGraceWindowOnly() {
        Secret old = Secret.generate();
        Secret fresh = Secret.generate();
        Installation rotated = InstallationFixtures.anActive("https://chat.example.com", old)
                .rotateSecret(fresh, T0, Duration.ofHours(1));
        assertThat(rotated.acceptedSecrets(T0.plusSeconds(3599))).containsExactly(fresh, old);
        assertThat(rotated.acceptedSecrets(T0.plusSeconds(3600))).containsExactly(fresh);
    }

    @Test
    void theSecretsAgeStartsAtCreationAndAgainWithEachNewSecretOnly() {
        Installation created = InstallationFixtures.anActive();
        assertThat(created.secretSetAt()).isEqualTo(created.createdAt());
        Instant later = created.createdAt().plus(Duration.ofDays(3));
        assertThat(created.disable(later).secretSetAt()).isEqualTo(created.createdAt());
        assertThat(created.rename("other", later).secretSetAt()).isEqualTo(created.createdAt());
        assertThat(created.rotateSecret(Secret.generate(), later, Duration.ZERO).secretSetAt())
                .isEqualTo(later);
        assertThat(created.replaceSecret(Secret.generate(), later.plusSeconds(1))
                        .secretSetAt())
                .isEqualTo(later.plusSeconds(1));
    }

    @Test
    void rotationWithZeroGraceRevokesAtOnce() {
        Secret fresh = Secret.generate();
        Installation rotated = InstallationFixtures.anActive().rotateSecret(fresh, T0, Duration.ZERO);
        assertThat(rotated.acceptedSecrets(T0)).containsExactly(fresh);
        assertThat(rotated.previousSecret()).isEmpty();
    }

    @Test
    void aSecondRotationDropsTheOldestSecret() {
        Secret first = Secret.generate();
        Secret second = Secret.generate();
        Secret third = Secret.generate();
        Installation twice = InstallationFixtures.anActive("https://chat.example.com", first)
                .rotateSecret(second, T0, Duration.ofHours(1))
                .rotateSecret(third, T0.plusSeconds(10), Duration.ofHours(1));
        assertThat(twice.acceptedSecrets(T0.plusSeconds(11))).containsExactly(third, second);
    }

    @Test
    void refusesNegativeOrHugeGrace() {
        Installation installation = InstallationFixtures.anActive();
        assertThatThrownBy(() -> installation.rotateSecret(Secret.generate(), T0, Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> installation.rotateSecret(Secret.generate(), T0, Duration.ofDays(31)))
                .hasMessageContaining("at most");
    }

    @Test
    void replacingTheSecretRevokesTheOldOnesAndFlagsWeakness() {
        Installation adopted = InstallationFixtures.anActive()
                .rotateSecret(Secret.generate(), T0, Duration.ofHours(1))
                .replaceSecret(new Secret("1234"), T0);
        assertThat(adopted.acceptedSecrets(T0)).containsExactly(new Secret("1234"));
        assertThat(adopted.hasWeakSecret()).isTrue();
    }

    @Test
    void disableAndEnable() {
        Installation disabled = InstallationFixtures.anActive().disable(T0);
        assertThat(disabled.isActive()).isFalse();
        assertThat(disabled.enable(T0).isActive()).isTrue();
    }

    @Test
    void changesLeaveTheOriginalUntouched() {
        Installation original = InstallationFixtures.anActive();
        original.rename("Other", T0.plusSeconds(1)).disable(T0);
        assertThat(original.isActive()).isTrue();
        assertThat(original.name()).startsWith("Server");
    }

    @Test
    void namesAreRequiredAndBounded() {
        Installation installation = InstallationFixtures.anActive();
        assertThatThrownBy(() -> installation.rename(" ", T0)).hasMessageContaining("name is required");
        assertThatThrownBy(() -> installation.rename("x".repeat(101), T0)).hasMessageContaining("at most 100");
        assertThat(installation.rename("  Acme  ", T0).name()).isEqualTo("Acme");
    }

    @Test
    void namesRefuseInvisibleFormattingAndLineSeparators() {
        Installation installation = InstallationFixtures.anActive();
        for (String trick : List.of(
                "Acme\u202Etxt.exe", // right-to-left override
                "Ac\u200Bme", // zero-width space
                "Acme\u2066x\u2069", // isolates
                "Acme\uFEFF", // zero-width no-break space
                "Acme\u2028Evil", // line separator
                "Acme\u2029Evil")) { // paragraph separator
            assertThatThrownBy(() -> installation.rename(trick, T0))
                    .as(trick)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invisible formatting");
        }
        assertThat(installation.rename("Café Zürich 東京 🚀", T0).name()).isEqualTo("Café Zürich 東京 🚀");
    }

    @Test
    void restBaseUrlPrefersTheInternalApiUrl() {
        Installation installation = InstallationFixtures.anActive();
        assertThat(installation.restBaseUrl()).isEqualTo(installation.siteUrl());
        SiteUrl internal = SiteUrl.of("http://mattermost:8065");
        assertThat(installation.changeApiUrl(internal, T0).restBaseUrl()).isEqualTo(internal);
    }

    @Test
    void recordsInstallAndUninstall() {
        Installation installed = InstallationFixtures.anActive().recordInstall("bot123", T0.plusSeconds(5));
        assertThat(installed.botUserId()).contains("bot123");
        assertThat(installed.installedAt()).contains(T0.plusSeconds(5));
        assertThat(installed.recordUninstall(T0.plusSeconds(9)).uninstalledAt()).contains(T0.plusSeconds(9));
    }

    @Test
    void toStringCarriesNoSecret() {
        Secret secret = new Secret("this-secret-must-never-be-printed-anywhere");
        Installation installation = InstallationFixtures.anActive("https://chat.example.com", secret)
                .rotateSecret(Secret.generate(), T0, Duration.ofHours(1));
        assertThat(installation.toString()).doesNotContain("this-secret");
    }

    @Test
    void parsesIdsStrictly() {
        InstallationId id = InstallationId.random();
        assertThat(InstallationId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> InstallationId.parse("1-1-1-1-1")).hasMessageContaining("UUID");
        assertThatThrownBy(() -> InstallationId.parse(null)).hasMessageContaining("UUID");
        assertThatThrownBy(() -> InstallationId.parse("42", "installation_id"))
                .hasMessageStartingWith("installation_id must be a UUID");
    }
}
