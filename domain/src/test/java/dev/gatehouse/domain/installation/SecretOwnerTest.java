package dev.gatehouse.domain.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretOwnerTest {

    private final InstallationId id = InstallationId.random();

    @Test
    void onlyAUserTokenBelongsToAUser() {
        assertThat(SecretOwner.userToken(id, "u1").userId()).contains("u1");
        assertThat(SecretOwner.clientSecret(id).userId()).isEmpty();
        assertThatThrownBy(() -> new SecretOwner(id, Optional.empty(), SecretOwner.Purpose.USER_TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretOwner(id, Optional.of("u1"), SecretOwner.Purpose.BOT_TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretOwner.userToken(id, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretOwner.userToken(id, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ownersDifferByInstallationUserAndPurpose() {
        assertThat(SecretOwner.userToken(id, "u1"))
                .isEqualTo(SecretOwner.userToken(id, "u1"))
                .isNotEqualTo(SecretOwner.userToken(id, "u2"))
                .isNotEqualTo(SecretOwner.userToken(InstallationId.random(), "u1"));
        assertThat(SecretOwner.botToken(id)).isNotEqualTo(SecretOwner.installationSecret(id));
    }
}
