package dev.gatehouse.application.slash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.fakes.FakePorts;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.call.SignedState;
import dev.gatehouse.domain.installation.BotAccount;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationFixtures;
import dev.gatehouse.domain.installation.SlashCommand;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The slash-command ingress's use cases on fakes: the same catalog and use cases as the Apps ingress. */
class SlashCommandUseCasesTest {

    private static final String TEAM = "team1";
    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz";
    private static final String BOT_TOKEN = "bot-token-1";

    private final FakePorts fakes = new FakePorts();
    private final UseCases useCases = fakes.useCases();
    private final Installation installation = fakes.installations.add(InstallationFixtures.anActive()
            .adoptBot(new BotAccount("bot1", new BotToken(BOT_TOKEN), null), InstallationFixtures.T0)
            .adoptSlashCommand(SlashCommand.withToken(TEAM, "Team One", "cmd1", TOKEN), InstallationFixtures.T0));

    SlashCommandUseCasesTest() {
        fakes.mattermost.botSession(BOT_TOKEN, "bot1").userSession("s-u1", "u1").adminSession("s-a1", "a1");
    }

    /** As Mattermost sends it: with a trigger id the server issued to this user just now. */
    private SlashCommandRequest command(String user, String text) {
        String trigger = fakes.mattermostServer.issueTrigger(user);
        return new SlashCommandRequest(
                installation.id().toString(),
                "Token " + TOKEN,
                TOKEN,
                TEAM,
                "ch1",
                user,
                "name-" + user,
                text,
                trigger);
    }

    private String run(SlashCommandRequest request) {
        Admission<Installation> admitted = useCases.authenticateSlashCommand().authenticate(request);
        assertThat(admitted).isInstanceOf(Admission.Admitted.class);
        return useCases.runSlashCommand().run(((Admission.Admitted<Installation>) admitted).value(), request);
    }

    private RejectionReason refused(SlashCommandRequest request) {
        Admission<Installation> result = useCases.authenticateSlashCommand().authenticate(request);
        assertThat(result).isInstanceOf(Admission.Refused.class);
        return ((Admission.Refused<Installation>) result).reason();
    }

    @Test
    void theTokenMustBeOneOfTheInstallationsAndOfTheRequestsTeam() {
        String id = installation.id().toString();
        assertThat(refused(new SlashCommandRequest(id, null, null, TEAM, "c", "u1", "n", "info", "t")))
                .isEqualTo(RejectionReason.COMMAND_TOKEN_MISSING);
        assertThat(refused(new SlashCommandRequest(id, "Token x" + TOKEN, null, TEAM, "c", "u1", "n", "", "t")))
                .isEqualTo(RejectionReason.COMMAND_TOKEN_UNKNOWN);
        assertThat(refused(new SlashCommandRequest(id, "Token " + TOKEN, TOKEN + "x", TEAM, "c", "u1", "n", "", "t")))
                .isEqualTo(RejectionReason.COMMAND_TOKENS_DIFFER);
        assertThat(refused(new SlashCommandRequest(id, null, TOKEN, "team2", "c", "u1", "n", "", "t")))
                .isEqualTo(RejectionReason.COMMAND_TEAM_MISMATCH);
        assertThat(refused(new SlashCommandRequest("nope", null, TOKEN, TEAM, "c", "u1", "n", "", "t")))
                .isEqualTo(RejectionReason.INSTALLATION_UNKNOWN);
        Installation other = fakes.installations.add(InstallationFixtures.anActive());
        assertThat(refused(new SlashCommandRequest(other.id().toString(), null, TOKEN, TEAM, "c", "u1", "n", "", "t")))
                .isEqualTo(RejectionReason.COMMAND_TOKEN_UNKNOWN);
        // the field alone, or an Enterprise server's Bearer header with the token in the field, are fine
        assertThat(useCases.authenticateSlashCommand()
                        .authenticate(new SlashCommandRequest(id, "Bearer xyz", TOKEN, TEAM, "c", "u1", "n", "", "t")))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void helpIsTheAnswerToNothingOrAnUnknownWordAndADisabledInstallationSaysSo() {
        assertThat(run(command("u1", ""))).startsWith("**/hello-jwt** answers:");
        assertThat(run(command("u1", "weather today"))).startsWith("**/hello-jwt** answers:");
        assertThat(run(command("u1", "HELP"))).contains("`/hello-jwt configure`");
        fakes.installations.update(
                fakes.installations.findById(installation.id()).orElseThrow().disable(fakes.clock.instant()));
        assertThat(run(command("u1", "send"))).isEqualTo(RunSlashCommand.DISABLED);
        assertThat(fakes.mattermost.sent()).isEmpty();
    }

    @Test
    void infoNamesTheIngressAndTheTeamsAndSendDmsTheUserAsTheBot() {
        assertThat(run(command("u1", "info"))).contains("slash command").contains("Team One");
        assertThat(run(command("u1", "send"))).isEqualTo("Created a post in your DM channel.");
        assertThat(fakes.mattermost.sent()).singleElement().satisfies(dm -> {
            assertThat(dm.session().token()).isEqualTo(BOT_TOKEN);
            assertThat(dm.botUserId()).isEqualTo("bot1");
            assertThat(dm.userId()).isEqualTo("u1");
        });
        assertThat(useCases.runSlashCommand().blocks(command("u1", "info"))).isFalse();
        assertThat(useCases.runSlashCommand().blocks(command("u1", "send"))).isTrue();
    }

    @Test
    void withoutABotSendSaysWhoCanSetItUp() {
        fakes.installations.update(
                fakes.installations.findById(installation.id()).orElseThrow().forgetBot(fakes.clock.instant()));
        assertThat(run(command("u1", "send"))).contains("gatehouse installations provision " + installation.id());
        assertThat(run(command("a1", "configure"))).contains("No bot is set up");
    }

    @Test
    void configureOpensADialogForSystemAdminsOnlyAndItsSubmissionStoresTheClient() {
        assertThat(run(command("u1", "configure"))).contains("Only a Mattermost system admin");
        assertThat(fakes.mattermost.dialogs()).isEmpty();
        assertThat(fakes.auditLog.all()).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.REFUSED);

        assertThat(run(command("a1", "configure"))).isEqualTo("Opening the configure dialog…");
        Dialog dialog = fakes.mattermost.dialogs().get(0);
        assertThat(dialog.url()).isEqualTo(FakePorts.PUBLIC_URL + "/i/" + installation.id() + "/dialog");
        assertThat(dialog.callbackId()).isEqualTo("configure");
        assertThat(dialog.triggerId()).isNotBlank();
        assertThat(dialog.elements())
                .extracting(e -> e.name() + (e.secret() ? ":secret" : ""))
                .containsExactly("client_id", "client_secret:secret");

        DialogSubmission empty = submission(dialog, "a1", Map.of("client_id", "c"), false);
        assertThat(useCases.submitDialog().submit(empty))
                .isInstanceOfSatisfying(
                        Admission.Admitted.class,
                        a -> assertThat(a.value())
                                .isEqualTo(new DialogAnswer.FieldErrors(
                                        Map.of("client_secret", "the client secret is required"))));

        DialogSubmission cancelled = submission(dialog, "a1", Map.of(), true);
        assertThat(useCases.submitDialog().submit(cancelled)).isEqualTo(Admission.admitted(new DialogAnswer.Closed()));

        DialogSubmission otherUser = submission(dialog, "u1", Map.of(), false);
        assertThat(useCases.submitDialog().submit(otherUser))
                .isEqualTo(Admission.refused(RejectionReason.STATE_WRONG_USER));

        DialogSubmission forged = new DialogSubmission(
                installation.id().toString(), "configure", "forged", "a1", "ch1", TEAM, Map.of(), false);
        assertThat(useCases.submitDialog().submit(forged)).isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));

        DialogSubmission good =
                submission(dialog, "a1", Map.of("client_id", "client-1", "client_secret", "s3cret"), false);
        assertThat(useCases.submitDialog().submit(good)).isEqualTo(Admission.admitted(new DialogAnswer.Closed()));
        assertThat(fakes.mattermost.apps()).isEmpty(); // not in Mattermost: in Gatehouse's storage
    }

    private DialogSubmission submission(Dialog dialog, String user, Map<String, String> values, boolean cancelled) {
        return new DialogSubmission(
                installation.id().toString(),
                dialog.callbackId(),
                dialog.state(),
                user,
                "ch1",
                TEAM,
                values,
                cancelled);
    }

    @Test
    void connectLinksToGatehousesStartWhichSendsTheBrowserToTheProviderAndTheCallbackConnectsOnce() {
        assertThat(run(command("u1", "connect"))).contains("configured");
        configureClient();
        String reply = run(command("u1", "connect"));
        String link = reply.substring(reply.indexOf("](") + 2, reply.indexOf(')', reply.indexOf("](")));
        assertThat(link).startsWith(FakePorts.PUBLIC_URL + "/i/" + installation.id() + "/oauth2/start?state=");
        String state = URLDecoder.decode(link.substring(link.indexOf("state=") + 6), StandardCharsets.UTF_8);

        Admission<LinkAnswer> started =
                useCases.followOAuth2Link().start(installation.id().toString(), state);
        String authorize = ((LinkAnswer.Redirect) ((Admission.Admitted<LinkAnswer>) started).value()).url();
        Map<String, String> query = query(authorize);
        String callback = FakePorts.PUBLIC_URL + "/i/" + installation.id() + "/oauth2/callback";
        assertThat(query).containsEntry("redirect_uri", callback).containsEntry("state", state);

        String code = fakes.oauth2Provider.issueCode("octocat", callback);
        Admission<LinkAnswer> done =
                useCases.followOAuth2Link().callback(installation.id().toString(), state, code, null);
        assertThat(((Admission.Admitted<LinkAnswer>) done).value())
                .isInstanceOfSatisfying(LinkAnswer.Page.class, page -> {
                    assertThat(page.succeeded()).isTrue();
                    assertThat(page.text()).contains("octocat");
                });
        assertThat(useCases.followOAuth2Link().callback(installation.id().toString(), state, code, null))
                .isEqualTo(Admission.refused(RejectionReason.STATE_USED));

        assertThat(run(command("u1", "me"))).contains("**octocat**");
        assertThat(run(command("u2", "me"))).contains("not connected");
        assertThat(run(command("u1", "disconnect"))).startsWith("Disconnected");
        assertThat(run(command("u1", "me"))).contains("not connected");
    }

    @Test
    void aProviderThatDeclinesStoresNothingAndAnotherInstallationsStateIsRefused() {
        configureClient();
        String state =
                fakes.signedStates.issue(installation.id(), "u1", SignedState.Purpose.CONNECT, fakes.clock.instant());
        Admission<LinkAnswer> declined =
                useCases.followOAuth2Link().callback(installation.id().toString(), state, null, "access_denied");
        assertThat(((Admission.Admitted<LinkAnswer>) declined).value())
                .isInstanceOfSatisfying(LinkAnswer.Page.class, page -> {
                    assertThat(page.succeeded()).isFalse();
                    assertThat(page.text()).contains("access_denied");
                });
        assertThat(run(command("u1", "me"))).contains("not connected");
        Installation other = fakes.installations.add(InstallationFixtures.anActive());
        String theirs = fakes.signedStates.issue(other.id(), "u1", SignedState.Purpose.CONNECT, fakes.clock.instant());
        assertThat(useCases.followOAuth2Link().start(installation.id().toString(), theirs))
                .isEqualTo(Admission.refused(RejectionReason.STATE_INVALID));
        fakes.clock.advance(Duration.ofMinutes(11));
        assertThat(useCases.followOAuth2Link().start(installation.id().toString(), state))
                .isEqualTo(Admission.refused(RejectionReason.STATE_EXPIRED));
    }

    @Test
    void anExpiredTokenIsRenewedAndARefusedRenewalForgetsTheToken() {
        configureClient();
        connect("u1");
        fakes.clock.advance(Duration.ofHours(2));
        assertThat(run(command("u1", "me"))).contains("**octocat**");
        assertThat(fakes.oauth2Provider.refreshRedemptions()).isEqualTo(1);
        fakes.clock.advance(Duration.ofHours(2));
        fakes.oauth2Provider.revokeRefreshTokens();
        assertThat(run(command("u1", "me"))).contains("connect again");
        assertThat(run(command("u1", "me"))).contains("not connected");
    }

    private void connect(String user) {
        String state =
                fakes.signedStates.issue(installation.id(), user, SignedState.Purpose.CONNECT, fakes.clock.instant());
        String callback = FakePorts.PUBLIC_URL + "/i/" + installation.id() + "/oauth2/callback";
        String code = fakes.oauth2Provider.issueCode("octocat", callback);
        useCases.followOAuth2Link().callback(installation.id().toString(), state, code, null);
    }

    private void configureClient() {
        run(command("a1", "configure"));
        Dialog dialog =
                fakes.mattermost.dialogs().get(fakes.mattermost.dialogs().size() - 1);
        useCases.submitDialog()
                .submit(submission(
                        dialog,
                        "a1",
                        Map.of(
                                "client_id",
                                FakePorts.CLIENT.clientId(),
                                "client_secret",
                                FakePorts.CLIENT.clientSecret()),
                        false));
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        kv -> kv[0], kv -> URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8)));
    }
}
