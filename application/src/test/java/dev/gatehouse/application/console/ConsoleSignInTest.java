package dev.gatehouse.application.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakePorts;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleSignInTest {

    private final FakePorts fakes = new FakePorts();
    private final ConsoleSignIn signIn = fakes.useCases().consoleSignIn();

    @Test
    void aLinkSignsItsOperatorInOnceAndBothStepsAreAudited() {
        ConsoleSignIn.IssuedLink link = signIn.issue("alice", Duration.ofMinutes(10));
        assertThat(link.token()).hasSize(43);
        assertThat(link.toString()).doesNotContain(link.token());

        assertThat(signIn.signIn(link.token())).contains("alice");
        assertThat(signIn.signIn(link.token())).isEmpty();

        assertThat(fakes.auditLog.all())
                .extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("console:alice", "console.link", AuditOutcome.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("console:alice", "console.sign_in", AuditOutcome.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("console", "console.sign_in", AuditOutcome.REFUSED));
        assertThat(fakes.auditLog.all()).allSatisfy(e -> assertThat(e.detail()).doesNotContain(link.token()));
    }

    @Test
    void anExpiredLinkSignsNobodyIn() {
        ConsoleSignIn.IssuedLink link = signIn.issue("bob", Duration.ofMinutes(1));
        fakes.clock.advance(Duration.ofMinutes(1));
        assertThat(signIn.signIn(link.token())).isEmpty();
    }

    @Test
    void refusesOperatorNamesThatCouldMisleadAndTtlsOutOfBounds() {
        assertThatThrownBy(() -> signIn.issue("<b>alice</b>", Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("operator must be");
        assertThatThrownBy(() -> signIn.issue("alice", Duration.ofDays(2)))
                .hasMessageStartingWith("ttl must be between");
        assertThatThrownBy(() -> signIn.issue("alice", Duration.ofSeconds(5)))
                .hasMessageStartingWith("ttl must be between");
        assertThat(signIn.signIn(null)).isEmpty();
        assertThat(signIn.signIn(" ")).isEmpty();
    }

    @Test
    void aProviderVouchedOperatorIsSignedInAndAuditedUnlessTheNameItGivesCannotNameAnOperator() {
        assertThat(signIn.signInWithProvider("carol@example.com", "Example SSO"))
                .contains("carol@example.com");
        assertThat(signIn.signInWithProvider("Carol Smith", "Example SSO")).isEmpty();
        signIn.refuseProviderSignIn("dave", "Example SSO", "not in an allowed group");
        signIn.refuseProviderSignIn(null, "Example SSO", "state does not match");

        assertThat(fakes.auditLog.all())
                .extracting(AuditEvent::actor, AuditEvent::outcome, AuditEvent::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "console:carol@example.com", AuditOutcome.SUCCEEDED, "OpenID Connect Example SSO"),
                        org.assertj.core.groups.Tuple.tuple(
                                "console",
                                AuditOutcome.REFUSED,
                                "OpenID Connect Example SSO: the operator name it gives is not 1 to 64 letters,"
                                        + " digits or . _ @ + -"),
                        org.assertj.core.groups.Tuple.tuple(
                                "console:dave",
                                AuditOutcome.REFUSED,
                                "OpenID Connect Example SSO: not in an allowed group"),
                        org.assertj.core.groups.Tuple.tuple(
                                "console", AuditOutcome.REFUSED, "OpenID Connect Example SSO: state does not match"));
        assertThat(fakes.auditLog.all()).extracting(AuditEvent::action).containsOnly("console.sign_in");
    }
}
