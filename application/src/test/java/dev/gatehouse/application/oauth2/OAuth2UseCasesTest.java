package dev.gatehouse.application.oauth2;

import static dev.gatehouse.domain.installation.InstallationFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.application.fakes.InMemoryInstallations;
import dev.gatehouse.application.fakes.InMemoryOAuth2Provider;
import dev.gatehouse.application.fakes.InMemoryOAuth2Store;
import dev.gatehouse.application.fakes.InMemoryTokenRefreshLock;
import dev.gatehouse.application.fakes.MutableClock;
import dev.gatehouse.application.fakes.RecordingMattermost;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Context;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OAuth2UseCasesTest {

    private static final String CLIENT_SECRET = "client-secret-0f9e8d";
    private static final OAuth2ClientCredentials CLIENT = new OAuth2ClientCredentials("client-1", CLIENT_SECRET);
    private static final String COMPLETE =
            "https://chat.example.com/plugins/com.mattermost.apps/apps/hello-jwt/oauth2/remote/complete";
    private static final String CONNECT =
            "https://chat.example.com/plugins/com.mattermost.apps/apps/hello-jwt/oauth2/remote/connect";
    private static final ActingUser ADMIN = new ActingUser("a1", "root", "system_user system_admin");
    private static final ActingUser USER = new ActingUser("u1", "alice", "system_user");

    private final AppId appId = new AppId("hello-jwt");
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingMattermost mattermost = new RecordingMattermost()
            .adminSession("admin-session", ADMIN.id())
            .userSession("user-session", USER.id())
            .userSession("other-session", USER.id());
    private final InMemoryTokenRefreshLock lock = new InMemoryTokenRefreshLock();
    private final InMemoryOAuth2Provider provider = new InMemoryOAuth2Provider(CLIENT, clock);
    private final Installation installation = new InMemoryInstallations().add(InstallationFixtures.anActive());

    private final OAuth2Stores stores = new OAuth2Stores(mattermost, new InMemoryOAuth2Store());
    private final ConfigureOAuth2Client configure = new ConfigureOAuth2Client(provider, stores, audit, clock, appId);
    private final ShowConnectLink connect = new ShowConnectLink(provider, appId);
    private final StartOAuth2 start = new StartOAuth2(provider, appId);
    private final CompleteOAuth2 complete = new CompleteOAuth2(provider, stores, audit, clock, appId);
    private final ShowProfile me = new ShowProfile(provider, stores, lock, audit, clock, appId);
    private final Disconnect disconnect = new Disconnect(stores, lock, audit, clock, appId);

    private VerifiedCall call(ActingUser user, String userToken, OAuth2Context oauth2, Map<String, String> values) {
        return new VerifiedCall(
                installation,
                Ingress.APPS,
                new CallContext(installation.siteUrl().value(), "bot1", "bot-token", user, userToken, oauth2, values));
    }

    private static OAuth2Context configured(Stored<OAuth2Token> user) {
        return new OAuth2Context(Stored.of(CLIENT), CONNECT, COMPLETE, user);
    }

    private OAuth2Token connected(String sessionToken) {
        OAuth2Token token = provider.exchangeCode(CLIENT, provider.issueCode("octocat", COMPLETE), COMPLETE);
        mattermost.putUser(sessionToken, token);
        return token;
    }

    private List<AuditEvent> events(String action) {
        return audit.all().stream().filter(e -> e.action().equals(action)).toList();
    }

    // ---- configure ----

    @Test
    void anAdminConfiguresTheClientWithTheirOwnSession() {
        CallOutcome outcome = configure.configure(call(
                ADMIN,
                "admin-session",
                OAuth2Context.none(),
                Map.of("client_id", " client-1 ", "client_secret", CLIENT_SECRET)));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        assertThat(((CallOutcome.Ok) outcome).text())
                .contains("client-1")
                .contains("/hello-jwt connect")
                .doesNotContain(CLIENT_SECRET);
        assertThat(mattermost.apps()).singleElement().satisfies(app -> {
            assertThat(app.session().token()).isEqualTo("admin-session");
            assertThat(app.session().baseUrl()).isEqualTo(installation.restBaseUrl());
            assertThat(app.client()).isEqualTo(CLIENT);
        });
        assertThat(events(ConfigureOAuth2Client.ACTION)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(e.actor()).isEqualTo("mattermost:a1");
            assertThat(e.detail()).contains("client-1").doesNotContain(CLIENT_SECRET);
        });
    }

    @Test
    void withoutAProviderFromTheOperatorEveryCommandSaysSoAndNothingIsStored() {
        provider.unconfigure();
        List<CallOutcome> outcomes = List.of(
                configure.configure(call(
                        ADMIN,
                        "admin-session",
                        OAuth2Context.none(),
                        Map.of("client_id", "cid", "client_secret", "a-client-secret"))),
                connect.show(call(USER, "user-session", configured(Stored.absent()), Map.of())),
                start.start(call(
                        USER, "user-session", configured(Stored.absent()), Map.of("state", "abcdefghijklmnopqrst.u1"))),
                complete.complete(
                        call(USER, "user-session", configured(Stored.absent()), Map.of("code", "c", "state", "s"))),
                me.show(call(USER, "user-session", configured(Stored.absent()), Map.of())));
        assertThat(outcomes)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(
                                CallOutcome.Failed.class,
                                failed -> assertThat(failed.text())
                                        .contains("operator has not configured an OAuth2 provider")
                                        .doesNotContain("GATEHOUSE_")));
        assertThat(mattermost.apps()).isEmpty();
    }

    @Test
    void aNonAdminCannotConfigureAndNothingIsStored() {
        CallOutcome outcome = configure.configure(call(
                USER,
                "user-session",
                OAuth2Context.none(),
                Map.of("client_id", "client-1", "client_secret", CLIENT_SECRET)));
        assertThat(outcome).isInstanceOf(CallOutcome.Failed.class);
        assertThat(((CallOutcome.Failed) outcome).text()).contains("system admin");
        assertThat(mattermost.apps()).isEmpty();
        assertThat(events(ConfigureOAuth2Client.ACTION))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED));
    }

    @Test
    void missingFieldsAreNamed() {
        CallOutcome outcome =
                configure.configure(call(ADMIN, "admin-session", OAuth2Context.none(), Map.of("client_id", "  ")));
        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Failed.class, failed -> {
            assertThat(failed.text()).contains("client_id").contains("client_secret");
            assertThat(failed.fieldErrors()).containsOnlyKeys("client_id", "client_secret");
        });
        CallOutcome secretOnly =
                configure.configure(call(ADMIN, "admin-session", OAuth2Context.none(), Map.of("client_id", "c")));
        assertThat(((CallOutcome.Failed) secretOnly).fieldErrors()).containsOnlyKeys("client_secret");
        assertThat(mattermost.apps()).isEmpty();
    }

    @Test
    void configureWithoutTheAdminsSessionOrWithMattermostDownSaysSo() {
        Map<String, String> values = Map.of("client_id", "client-1", "client_secret", CLIENT_SECRET);
        CallOutcome noSession = configure.configure(call(ADMIN, null, OAuth2Context.none(), values));
        assertThat(((CallOutcome.Failed) noSession).text()).contains("acting_user_access_token");
        mattermost.failWith("Mattermost answered HTTP 403 when storing the OAuth2 client.");
        CallOutcome down = configure.configure(call(ADMIN, "admin-session", OAuth2Context.none(), values));
        assertThat(((CallOutcome.Failed) down).text()).contains("HTTP 403");
        // both attempts failed at the store, and both are audited (the one without a session was not, before the
        // store took over the session check)
        assertThat(events(ConfigureOAuth2Client.ACTION)).hasSize(2).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.detail()).doesNotContain(CLIENT_SECRET);
        });
    }

    // ---- connect and the connect URL ----

    @Test
    void connectShowsThePluginsConnectUrlOnceTheClientIsConfigured() {
        CallOutcome notYet = connect.show(
                call(USER, null, new OAuth2Context(Stored.absent(), CONNECT, COMPLETE, Stored.absent()), Map.of()));
        assertThat(((CallOutcome.Failed) notYet).text())
                .contains("not configured")
                .contains("/hello-jwt configure");
        CallOutcome unreadable = connect.show(call(
                USER,
                null,
                new OAuth2Context(
                        Stored.unreadable("sealed with an unknown master key"), CONNECT, COMPLETE, Stored.absent()),
                Map.of()));
        assertThat(((CallOutcome.Failed) unreadable).text())
                .contains("cannot be read")
                .contains("unknown master key")
                .contains("configure");
        CallOutcome ok = connect.show(call(USER, null, configured(Stored.absent()), Map.of()));
        assertThat(ok).isEqualTo(new CallOutcome.Ok("[Connect your account at the OAuth2 provider](" + CONNECT + ")."));
    }

    @Test
    void theConnectUrlCarriesTheStateVerbatimAndTheCompleteUrl() {
        String state = "AbCdEfGhIjKlMnOpQr_-.u1";
        CallOutcome outcome = start.start(call(USER, "s", configured(Stored.absent()), Map.of("state", state)));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        CallOutcome.OkData.class,
                        data -> assertThat(data.data())
                                .startsWith(
                                        InMemoryOAuth2Provider.AUTHORIZE_URL + "?response_type=code&client_id=client-1")
                                .contains("state=" + state)
                                .contains("redirect_uri=https%3A%2F%2Fchat.example.com%2Fplugins"));
        assertThat(start.start(call(USER, "s", configured(Stored.absent()), Map.of())))
                .isInstanceOf(CallOutcome.Failed.class);
        assertThat(start.start(call(
                        USER,
                        "s",
                        new OAuth2Context(Stored.of(CLIENT), CONNECT, null, Stored.absent()),
                        Map.of("state", state))))
                .isInstanceOf(CallOutcome.Failed.class);
        assertThat(start.start(call(USER, "s", OAuth2Context.none(), Map.of("state", state))))
                .isInstanceOfSatisfying(
                        CallOutcome.Failed.class, f -> assertThat(f.text()).contains("configure"));
    }

    // ---- complete ----

    @Test
    void completeExchangesTheCodeAndStoresTheTokenForTheUser() {
        String code = provider.issueCode("octocat", COMPLETE);
        CallOutcome outcome = complete.complete(
                call(USER, "user-session", configured(Stored.absent()), Map.of("code", code, "state", "s.u1")));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        OAuth2Token stored = mattermost.user("user-session").orElseThrow();
        assertThat(provider.userProfile(stored.accessToken()).username()).isEqualTo("octocat");
        assertThat(events(CompleteOAuth2.ACTION))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));
    }

    @Test
    void aRefusedCodeIsNamedAndNothingIsStored() {
        CallOutcome outcome =
                complete.complete(call(USER, "user-session", configured(Stored.absent()), Map.of("code", "forged")));
        assertThat(((CallOutcome.Failed) outcome).text())
                .contains("invalid_grant")
                .contains("/hello-jwt connect");
        provider.down(true);
        CallOutcome down = complete.complete(call(
                USER,
                "user-session",
                configured(Stored.absent()),
                Map.of("code", provider.issueCode("octocat", COMPLETE))));
        assertThat(((CallOutcome.Failed) down).text()).contains("could not be reached");
        CallOutcome denied = complete.complete(
                call(USER, "user-session", configured(Stored.absent()), Map.of("error", "access_denied")));
        assertThat(((CallOutcome.Failed) denied).text()).contains("access_denied");
        assertThat(mattermost.userWrites()).isZero();
        assertThat(events(CompleteOAuth2.ACTION))
                .extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.REFUSED, AuditOutcome.FAILED, AuditOutcome.REFUSED);
    }

    // ---- me ----

    @Test
    void meNeedsAConnectionAndAReadableToken() {
        assertThat(((CallOutcome.Failed) me.show(call(USER, "s", configured(Stored.absent()), Map.of()))).text())
                .contains("not connected")
                .contains("/hello-jwt connect");
        assertThat(((CallOutcome.Failed) me.show(
                                call(USER, "s", configured(Stored.unreadable("not stored by Gatehouse")), Map.of())))
                        .text())
                .contains("cannot be read")
                .contains("connect");
    }

    @Test
    void meUsesAValidTokenWithoutRefreshing() {
        OAuth2Token token = connected("user-session");
        CallOutcome outcome = me.show(call(USER, "user-session", configured(Stored.of(token)), Map.of()));
        assertThat(outcome).isEqualTo(new CallOutcome.Ok("You are **octocat** at the OAuth2 provider."));
        assertThat(provider.refreshRedemptions()).isZero();
        assertThat(lock.timesTaken(installation.id(), "u1")).isZero();
    }

    @Test
    void anExpiredTokenIsRenewedOnceStoredAndUsed() {
        OAuth2Token token = connected("user-session");
        clock.advance(Duration.ofHours(1));
        CallOutcome outcome = me.show(call(USER, "user-session", configured(Stored.of(token)), Map.of()));
        assertThat(outcome).isEqualTo(new CallOutcome.Ok("You are **octocat** at the OAuth2 provider."));
        assertThat(provider.refreshRedemptions()).isEqualTo(1);
        OAuth2Token renewed = mattermost.user("user-session").orElseThrow();
        assertThat(renewed.accessToken()).isNotEqualTo(token.accessToken());
        assertThat(renewed.expiredAt(clock.instant())).isFalse();
        // the next call brings the renewed token in its context
        me.show(call(USER, "user-session", configured(Stored.of(renewed)), Map.of()));
        assertThat(provider.refreshRedemptions()).isEqualTo(1);
    }

    @Test
    void aTokenAnotherCallAlreadyRenewedIsNotRenewedAgain() {
        OAuth2Token stale = connected("user-session");
        clock.advance(Duration.ofHours(1));
        OAuth2Token renewedElsewhere = provider.refresh(CLIENT, stale.refreshToken());
        mattermost.putUser("user-session", renewedElsewhere);
        CallOutcome outcome = me.show(call(USER, "user-session", configured(Stored.of(stale)), Map.of()));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        assertThat(provider.refreshRedemptions()).isEqualTo(1);
    }

    @Test
    void concurrentCallsWithAnExpiredTokenRenewItExactlyOnce() throws Exception {
        OAuth2Token stale = connected("user-session");
        clock.advance(Duration.ofHours(2));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CallOutcome>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Callable<CallOutcome> task = () -> {
                go.await();
                return me.show(call(USER, "user-session", configured(Stored.of(stale)), Map.of()));
            };
            answers.add(pool.submit(task));
        }
        go.countDown();
        for (Future<CallOutcome> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new CallOutcome.Ok("You are **octocat** at the OAuth2 provider."));
        }
        pool.shutdown();
        assertThat(provider.refreshRedemptions()).isEqualTo(1);
        assertThat(lock.timesTaken(installation.id(), "u1")).isEqualTo(5);
    }

    @Test
    void aRevokedRefreshTokenAsksToReconnectAndAProviderOutageToRetry() {
        OAuth2Token token = connected("user-session");
        clock.advance(Duration.ofHours(1));
        provider.revokeRefreshTokens();
        CallOutcome revoked = me.show(call(USER, "user-session", configured(Stored.of(token)), Map.of()));
        assertThat(((CallOutcome.Failed) revoked).text())
                .contains("invalid_grant")
                .contains("/hello-jwt connect");

        OAuth2Token second = connected("other-session");
        clock.advance(Duration.ofHours(1));
        provider.down(true);
        CallOutcome down = me.show(call(USER, "other-session", configured(Stored.of(second)), Map.of()));
        assertThat(((CallOutcome.Failed) down).text())
                .contains("could not be reached")
                .contains("Try again later");
        assertThat(events(ShowProfile.REFRESH_ACTION))
                .extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.REFUSED, AuditOutcome.FAILED);
    }

    @Test
    void anAccessTokenTheProviderDroppedEarlyIsRenewedOnce() {
        OAuth2Token token = connected("user-session");
        provider.dropAccessTokens();
        CallOutcome outcome = me.show(call(USER, "user-session", configured(Stored.of(token)), Map.of()));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        assertThat(provider.refreshRedemptions()).isEqualTo(1);
    }

    @Test
    void aTokenWithoutRefreshTokenOrClientCannotBeRenewed() {
        OAuth2Token noRefresh = new OAuth2Token("at-x", null, clock.instant().minusSeconds(1));
        mattermost.putUser("user-session", noRefresh);
        assertThat(((CallOutcome.Failed)
                                me.show(call(USER, "user-session", configured(Stored.of(noRefresh)), Map.of())))
                        .text())
                .contains("cannot be renewed");
        OAuth2Token token = connected("user-session");
        clock.advance(Duration.ofHours(1));
        assertThat(((CallOutcome.Failed) me.show(call(
                                USER,
                                "user-session",
                                new OAuth2Context(Stored.absent(), null, null, Stored.of(token)),
                                Map.of())))
                        .text())
                .contains("configure");
    }

    // ---- disconnect ----

    @Test
    void disconnectForgetsTheTokenUnderTheLock() {
        connected("user-session");
        CallOutcome outcome = disconnect.disconnect(call(USER, "user-session", OAuth2Context.none(), Map.of()));
        assertThat(outcome).isInstanceOf(CallOutcome.Ok.class);
        assertThat(mattermost.user("user-session")).isEmpty();
        assertThat(lock.timesTaken(installation.id(), "u1")).isEqualTo(1);
        assertThat(events(Disconnect.ACTION))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));
        assertThat(disconnect.disconnect(call(USER, null, OAuth2Context.none(), Map.of())))
                .isInstanceOf(CallOutcome.Failed.class);
    }
}
