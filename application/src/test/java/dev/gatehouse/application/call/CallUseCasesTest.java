package dev.gatehouse.application.call;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.DirectTransactions;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.application.fakes.RecordingMattermost;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.audit.AuditQuery;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.AppVersion;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.StorageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallUseCasesTest {

    private final InMemoryInstallations installations = new InMemoryInstallations();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingMattermost mattermost = new RecordingMattermost().botSession("bot-token", "bot1");
    private final AppId appId = new AppId("hello-jwt");
    private final Installation installation = installations.add(InstallationFixtures.anActive());

    private VerifiedCall call(ActingUser user, String botToken) {
        return new VerifiedCall(
                installation,
                Ingress.APPS,
                new CallContext(installation.siteUrl().value(), "bot1", botToken, user, null));
    }

    @Test
    void sendDirectMessagesTheActingUserAsTheBotAtTheRegisteredUrl() {
        var outcome = new SendGreeting(mattermost).send(call(new ActingUser("u1", "alice", ""), "bot-token"));
        assertThat(outcome).isEqualTo(new CallOutcome.Ok(SendGreeting.SENT));
        assertThat(mattermost.sent()).singleElement().satisfies(dm -> {
            assertThat(dm.session().baseUrl()).isEqualTo(installation.restBaseUrl());
            assertThat(dm.session().token()).isEqualTo("bot-token");
            assertThat(dm.botUserId()).isEqualTo("bot1");
            assertThat(dm.userId()).isEqualTo("u1");
        });
    }

    @Test
    void sendUsesTheInternalApiUrlWhenOneIsRegistered() {
        Installation withApi = installations.add(
                InstallationFixtures.anActive().changeApiUrl(SiteUrl.of("http://mattermost.internal:8065"), T0));
        var outcome = new SendGreeting(mattermost)
                .send(new VerifiedCall(
                        withApi,
                        Ingress.APPS,
                        new CallContext(null, "bot1", "bot-token", new ActingUser("u1", "", ""), null)));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        assertThat(mattermost.sent())
                .singleElement()
                .satisfies(
                        dm -> assertThat(dm.session().baseUrl().value()).isEqualTo("http://mattermost.internal:8065"));
    }

    @Test
    void sendExplainsWhatIsMissingOrWhatFailed() {
        SendGreeting send = new SendGreeting(mattermost);
        assertThat(send.send(call(null, "bot-token")))
                .isInstanceOfSatisfying(
                        CallOutcome.Failed.class, f -> assertThat(f.text()).contains("acting_user"));
        assertThat(send.send(call(new ActingUser("u1", "", ""), null)))
                .isInstanceOfSatisfying(
                        CallOutcome.Failed.class, f -> assertThat(f.text()).contains("bot access token"));
        mattermost.failWith("Mattermost answered HTTP 500");
        assertThat(send.send(call(new ActingUser("u1", "", ""), "bot-token")))
                .isInstanceOfSatisfying(
                        CallOutcome.Failed.class, f -> assertThat(f.text()).contains("HTTP 500"));
        assertThat(mattermost.sent()).isEmpty();
    }

    @Test
    void infoNamesTheInstallationTheVersionAndTheCaller() {
        var outcome = new DescribeInstallation(appId, new AppVersion("v0.1.0"))
                .describe(call(new ActingUser("u1", "alice", "system_admin"), "t"));
        assertThat(outcome.text())
                .contains(installation.name())
                .contains("v0.1.0")
                .contains("@alice")
                .contains("u1")
                .contains("system admin");
    }

    @Test
    void installRecordsTheBotAndTheTimeAndAuditsIt() {
        clock.advance(Duration.ofHours(1));
        var outcome = new RecordInstall(installations, audit, new DirectTransactions(), clock)
                .record(call(new ActingUser("admin1", "", ""), "t"));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        Installation stored = installations.findById(installation.id()).orElseThrow();
        assertThat(stored.botUserId()).contains("bot1");
        assertThat(stored.installedAt()).contains(clock.instant());
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("app.install");
            assertThat(e.actor()).isEqualTo("mattermost:admin1");
            assertThat(e.detail()).contains("bot1");
        });

        new RecordUninstall(installations, audit, new DirectTransactions(), clock).record(call(null, "t"));
        assertThat(installations.findById(installation.id()).orElseThrow().uninstalledAt())
                .contains(clock.instant());
        assertThat(audit.all()).last().extracting(AuditEvent::action).isEqualTo("app.uninstall");
    }

    @Test
    void installRetriesOnceWhenAnOperatorChangedTheInstallationMeanwhile() {
        Installations racing = new RacingInstallations(installations, 1);
        var outcome = new RecordInstall(racing, audit, new DirectTransactions(), clock).record(call(null, "t"));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        Installation stored = installations.findById(installation.id()).orElseThrow();
        assertThat(stored.botUserId()).contains("bot1");
        assertThat(stored.name()).isEqualTo("renamed 1");

        var gaveUp = new RecordInstall(
                        new RacingInstallations(installations, 2), audit, new DirectTransactions(), clock)
                .record(call(null, "t"));
        assertThat(gaveUp).isInstanceOf(CallOutcome.Failed.class);
        assertThat(audit.all()).last().extracting(AuditEvent::outcome).isEqualTo(AuditOutcome.REFUSED);
    }

    @Test
    void aRejectionIsAuditedAndAnAuditFailureIsSwallowed() {
        new RecordRejection(audit, clock).record(installation.id(), RejectionReason.TOKEN_EXPIRED, "/i/x/send", T0);
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("mattermost");
            assertThat(e.action()).isEqualTo("call.rejected");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(e.detail()).isEqualTo("token_expired /i/x/send");
        });
        AuditLog down = new AuditLog() {
            @Override
            public void append(AuditEvent event) {
                throw new StorageUnavailableException("database down", null);
            }

            @Override
            public List<AuditEvent> find(AuditQuery query) {
                throw new StorageUnavailableException("database down", null);
            }

            @Override
            public void addRefusals(java.util.Collection<dev.gatehouse.domain.audit.RefusalCount> counts) {
                throw new StorageUnavailableException("database down", null);
            }

            @Override
            public List<dev.gatehouse.domain.audit.RefusalCount> findRefusals(AuditQuery query) {
                throw new StorageUnavailableException("database down", null);
            }
        };
        // the adapter that writes these off the request thread retries them, so the failure must reach it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RecordRejection(down, clock)
                        .record(null, RejectionReason.INSTALLATION_UNKNOWN, "/i/x/send", null))
                .isInstanceOf(StorageUnavailableException.class);
    }

    /** Installations where an operator renames the installation right before each of the first {@code races} saves. */
    private static final class RacingInstallations implements Installations {
        private final InMemoryInstallations delegate;
        private int races;
        private int renames;

        RacingInstallations(InMemoryInstallations delegate, int races) {
            this.delegate = delegate;
            this.races = races;
        }

        @Override
        public Optional<Installation> findById(InstallationId id) {
            return delegate.findById(id);
        }

        @Override
        public Page<Installation> list(int page, int size) {
            return delegate.list(page, size);
        }

        @Override
        public Page<Installation> search(String text, int page, int size) {
            return delegate.search(text, page, size);
        }

        @Override
        public Installation add(Installation installation) {
            return delegate.add(installation);
        }

        @Override
        public Installation update(Installation installation) {
            if (races-- > 0) {
                Installation current = delegate.findById(installation.id()).orElseThrow();
                delegate.update(current.rename("renamed " + ++renames, T0));
            }
            return delegate.update(installation);
        }

        @Override
        public boolean delete(InstallationId id) {
            return delegate.delete(id);
        }
    }
}
