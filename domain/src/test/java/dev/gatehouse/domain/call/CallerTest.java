package dev.gatehouse.domain.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.Secret;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallerTest {

    private final Installation installation =
            InstallationFixtures.anActive("https://chat.example.com", Secret.generate());
    private final Instant exp = Instant.parse("2026-01-01T00:15:00Z");

    private CallContext context(String siteUrl, String actingUserId) {
        return new CallContext(
                siteUrl,
                "bot1",
                "bot-token",
                actingUserId == null ? null : new ActingUser(actingUserId, "u", ""),
                null);
    }

    @Test
    void admitsABareContext() {
        var admission = new Caller(installation, new CallClaims(exp, null)).admit(CallContext.bare());
        assertThat(admission).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void admitsTheSameActingUserAndTheRegisteredSiteInAnotherSpelling() {
        var admission = new Caller(installation, new CallClaims(exp, "user1"))
                .admit(context("HTTPS://Chat.Example.com:443/", "user1"));
        assertThat(admission).isInstanceOfSatisfying(Admission.Admitted.class, a -> {
            VerifiedCall call = (VerifiedCall) a.value();
            assertThat(call.actingUser()).map(ActingUser::id).contains("user1");
            assertThat(call.botUserId()).contains("bot1");
        });
    }

    @Test
    void admitsAClaimedUserWhenTheBodyDidNotExpandOne() {
        var admission = new Caller(installation, new CallClaims(exp, "user1")).admit(context(null, null));
        assertThat(admission).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void refusesAnotherActingUserThanTheTokenNames() {
        var admission = new Caller(installation, new CallClaims(exp, "user1")).admit(context(null, "admin"));
        assertThat(admission).isEqualTo(Admission.refused(RejectionReason.ACTING_USER_MISMATCH));
    }

    @Test
    void refusesABodyActingUserUnderATokenWithoutOne() {
        var admission = new Caller(installation, new CallClaims(exp, null)).admit(context(null, "admin"));
        assertThat(admission).isEqualTo(Admission.refused(RejectionReason.ACTING_USER_MISMATCH));
    }

    @Test
    void refusesAnotherSiteUrlOrGarbage() {
        var caller = new Caller(installation, new CallClaims(exp, null));
        assertThat(caller.admit(context("https://evil.example.com", null)))
                .isEqualTo(Admission.refused(RejectionReason.SITE_URL_MISMATCH));
        assertThat(caller.admit(context("not a url", null)))
                .isEqualTo(Admission.refused(RejectionReason.SITE_URL_MISMATCH));
    }

    @Test
    void contextNeverPrintsItsTokens() {
        var context = new CallContext("https://chat.example.com", "bot1", "bot-session-xyz", null, "user-session-abc");
        assertThat(context.toString()).doesNotContain("bot-session-xyz").doesNotContain("user-session-abc");
        assertThat(new MattermostSession(installation.siteUrl(), "bot-session-xyz").toString())
                .doesNotContain("bot-session-xyz");
    }

    @Test
    void systemAdminIsReadFromTheRoleList() {
        assertThat(new ActingUser("a", "alice", "system_user system_admin").isSystemAdmin())
                .isTrue();
        assertThat(new ActingUser("b", "bob", "system_user").isSystemAdmin()).isFalse();
        assertThat(new ActingUser("c", "carol", null).isSystemAdmin()).isFalse();
    }
}
