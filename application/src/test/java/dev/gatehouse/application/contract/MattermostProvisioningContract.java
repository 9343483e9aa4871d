package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.InMemoryMattermostServer;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.MattermostException;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.provisioning.CommandSpec;
import dev.gatehouse.domain.provisioning.CustomCommand;
import dev.gatehouse.domain.provisioning.IssuedToken;
import dev.gatehouse.domain.provisioning.MattermostTeam;
import dev.gatehouse.domain.provisioning.ServerSetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link MattermostProvisioning} must do (CLASSIC.md §1, §3). Run by the in-memory fake
 * and by the HTTP adapter against the same server model behind real HTTP ({@code FakeClassicMattermost}), so both
 * answer and refuse as Mattermost's source does: an unknown or revoked token (401), a user who is no system admin
 * (403), bot creation off (403 {@code api.bot.create_disabled}), user access tokens off (501
 * {@code app.user_access_token.disabled}, bots excepted), custom slash commands off (501). Each test starts on a stock
 * server: no teams, no users, bot creation and user access tokens off, custom slash commands on.
 */
public abstract class MattermostProvisioningContract {

    private static final String GATEHOUSE_URL = "https://gatehouse.example.com/i/abc/command";

    protected abstract MattermostProvisioning provisioning();

    /** The server the port talks to, for arranging it and reading what was done. */
    protected abstract InMemoryMattermostServer server();

    /** Where the server is, as the installation registered it. */
    protected abstract SiteUrl baseUrl();

    /** From now on the server answers every request with HTTP 500. */
    protected abstract void serverFails();

    /** From now on the server cannot be reached. */
    protected abstract void serverIsUnreachable();

    private MattermostSession session(String token) {
        return new MattermostSession(baseUrl(), token);
    }

    /** A system admin's login session: what an operator has while personal access tokens are still off. */
    private MattermostSession admin() {
        return session(server().login(server().addAdmin("root").id()));
    }

    private static CommandSpec command(String teamId) {
        return new CommandSpec(
                teamId,
                "hello-jwt",
                GATEHOUSE_URL,
                "Hello JWT",
                "Gatehouse",
                "Gatehouse: send, info, connect, me",
                "send | info | connect | me | disconnect | configure | help");
    }

    // ---- who the token is ----

    @Test
    void meIsTheUserOfTheToken() {
        MattermostUser root = server().addAdmin("root");
        MattermostUser me = provisioning().me(session(server().login(root.id())));
        assertThat(me).isEqualTo(root);
        assertThat(me.isSystemAdmin()).isTrue();
        assertThat(me.bot()).isFalse();
    }

    @Test
    void aPersonalAccessTokenIsASessionOnlyWhileAccessTokensAreOn() {
        MattermostUser root = server().addAdmin("root");
        MattermostSession pat = session(server().personalAccessToken(root.id()).token());

        assertRefused(() -> provisioning().me(pat), 401, InMemoryMattermostServer.SESSION_EXPIRED, pat);
        server().turnOn(ServerSetting.ENABLE_USER_ACCESS_TOKENS);
        assertThat(provisioning().me(pat).id()).isEqualTo(root.id());
    }

    @Test
    void aTokenTheServerNeverIssuedIsRefusedEverywhereWith401() {
        MattermostSession unknown = session(InMemoryMattermostServer.newId());
        MattermostTeam team = server().addTeam("eng");
        everyOperation(unknown, team.id(), server().addUser("alice").id())
                .forEach((operation, call) ->
                        assertRefused(operation, call, 401, InMemoryMattermostServer.SESSION_EXPIRED, unknown));
    }

    @Test
    void aUserWhoIsNoSystemAdminIsRefusedWhereMattermostRequiresOne() {
        MattermostUser alice = server().addUser("alice");
        MattermostTeam team = server().addTeam("eng");
        server().join(team.id(), alice.id());
        MattermostSession asAlice = session(server().login(alice.id()));

        Map<String, ThrowingCallable> adminOnly = everyOperation(asAlice, team.id(), alice.id());
        // what any user may do
        adminOnly.remove("me");
        adminOnly.remove("teamsOf");
        adminOnly.remove("userByUsername");
        adminOnly.remove("addToTeam"); // add_user_to_team is a team user permission
        adminOnly.remove("regenerateCommandToken"); // Mattermost hides the command instead: 404, below
        adminOnly.forEach((operation, call) ->
                assertRefused(operation, call, 403, InMemoryMattermostServer.NO_PERMISSION, asAlice));
        assertRefused(
                () -> provisioning()
                        .regenerateCommandToken(
                                asAlice,
                                server().addCommand(team.id(), "x", GATEHOUSE_URL)
                                        .id()),
                404,
                InMemoryMattermostServer.COMMAND_NOT_FOUND,
                asAlice);
        assertThat(server().bots()).isEmpty();
        assertThat(server().isOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION)).isFalse();
    }

    // ---- teams ----

    @Test
    void theAdminsTeamsAreTheTeamsTheyAreIn() {
        MattermostUser root = server().addAdmin("root");
        MattermostTeam eng = server().addTeam("eng");
        MattermostTeam ops = server().addTeam("ops");
        server().addTeam("sales");
        server().join(eng.id(), root.id());
        server().join(ops.id(), root.id());

        assertThat(provisioning().teamsOf(session(server().login(root.id())))).containsExactly(eng, ops);
    }

    @Test
    void addingToATeamTwiceIsNoError() {
        MattermostSession admin = admin();
        MattermostTeam team = server().addTeam("eng");
        MattermostUser alice = server().addUser("alice");

        provisioning().addToTeam(admin, team.id(), alice.id());
        provisioning().addToTeam(admin, team.id(), alice.id());

        assertThat(server().members(team.id())).containsExactly(alice.id());
    }

    @Test
    void anUnknownTeamIsA404() {
        MattermostSession admin = admin();
        MattermostUser alice = server().addUser("alice");
        assertRefused(
                () -> provisioning().addToTeam(admin, InMemoryMattermostServer.newId(), alice.id()),
                404,
                InMemoryMattermostServer.TEAM_NOT_FOUND,
                admin);
    }

    // ---- settings ----

    @Test
    void aStockServerHasBotCreationAndAccessTokensOffAndCommandsOn() {
        assertThat(provisioning().settingsOff(admin()))
                .containsExactlyInAnyOrder(
                        ServerSetting.ENABLE_BOT_ACCOUNT_CREATION, ServerSetting.ENABLE_USER_ACCESS_TOKENS);
    }

    @Test
    void enablingTurnsOnExactlyTheSettingsNamed() {
        MattermostSession admin = admin();
        server().turnOff(ServerSetting.ENABLE_COMMANDS);

        provisioning().enable(admin, Set.of(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION));

        assertThat(provisioning().settingsOff(admin))
                .containsExactlyInAnyOrder(ServerSetting.ENABLE_USER_ACCESS_TOKENS, ServerSetting.ENABLE_COMMANDS);

        provisioning().enable(admin, Set.of(ServerSetting.values()));
        assertThat(provisioning().settingsOff(admin)).isEmpty();
    }

    @Test
    void aSettingFixedByItsEnvironmentVariableStaysOffAfterEnabling() {
        MattermostSession admin = admin();
        server().managedByEnvironment(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION, false);

        provisioning().enable(admin, Set.of(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION));

        assertThat(provisioning().settingsOff(admin)).contains(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION);
        assertRefused(
                () -> provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse"),
                403,
                InMemoryMattermostServer.BOT_CREATION_DISABLED,
                admin);
    }

    // ---- bots and their tokens ----

    @Test
    void aBotCannotBeCreatedWhileBotCreationIsOff() {
        MattermostSession admin = admin();
        assertRefused(
                () -> provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse"),
                403,
                InMemoryMattermostServer.BOT_CREATION_DISABLED,
                admin);
        assertThat(server().bots()).isEmpty();
    }

    @Test
    void aCreatedBotIsFoundByItsUsername() {
        MattermostSession admin = admin();
        server().turnOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION);

        String botUserId = provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse");

        assertThat(provisioning().userByUsername(admin, "hello-jwt")).hasValueSatisfying(bot -> {
            assertThat(bot.id()).isEqualTo(botUserId);
            assertThat(bot.bot()).isTrue();
        });
        assertThat(server().bots()).singleElement().satisfies(bot -> {
            assertThat(bot.username()).isEqualTo("hello-jwt");
            assertThat(bot.displayName()).isEqualTo("Hello JWT");
            assertThat(bot.description()).isEqualTo("Gatehouse");
            assertThat(bot.enabled()).isTrue();
        });
    }

    @Test
    void aUsernameNobodyHasIsEmpty() {
        assertThat(provisioning().userByUsername(admin(), "nobody")).isEmpty();
    }

    @Test
    void aTakenUsernameIsRefused() {
        MattermostSession admin = admin();
        server().turnOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION);
        server().addUser("hello-jwt");
        assertRefused(
                () -> provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse"),
                400,
                InMemoryMattermostServer.USERNAME_EXISTS,
                admin);
    }

    /** app/session.go exempts bots from EnableUserAccessTokens, both when issuing and when accepting their tokens. */
    @Test
    void aBotTokenIsIssuedAndWorksEvenWhileAccessTokensAreOff() {
        MattermostSession admin = admin();
        server().turnOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION);
        String botUserId = provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse");

        IssuedToken token = provisioning().createUserAccessToken(admin, botUserId, "Gatehouse");

        assertThat(token.id()).matches("[a-z0-9]{26}");
        assertThat(token.token()).matches("[a-z0-9]{26}");
        MattermostUser bot = provisioning().me(session(token.token()));
        assertThat(bot.id()).isEqualTo(botUserId);
        assertThat(bot.bot()).isTrue();
    }

    @Test
    void aUserCannotGetAnAccessTokenWhileAccessTokensAreOff() {
        MattermostSession admin = admin();
        MattermostUser alice = server().addUser("alice");
        assertRefused(
                () -> provisioning().createUserAccessToken(admin, alice.id(), "Gatehouse"),
                501,
                InMemoryMattermostServer.ACCESS_TOKENS_DISABLED,
                admin);

        server().turnOn(ServerSetting.ENABLE_USER_ACCESS_TOKENS);
        IssuedToken token = provisioning().createUserAccessToken(admin, alice.id(), "Gatehouse");
        assertThat(provisioning().me(session(token.token())).id()).isEqualTo(alice.id());
    }

    @Test
    void aRevokedTokenIsNoLongerASession() {
        MattermostSession admin = admin();
        server().turnOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION);
        String botUserId = provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse");
        IssuedToken old = provisioning().createUserAccessToken(admin, botUserId, "Gatehouse");
        IssuedToken current = provisioning().createUserAccessToken(admin, botUserId, "Gatehouse");

        provisioning().revokeUserAccessToken(admin, old.id());

        MattermostSession revoked = session(old.token());
        assertRefused(() -> provisioning().me(revoked), 401, InMemoryMattermostServer.SESSION_EXPIRED, revoked);
        assertThat(provisioning().me(session(current.token())).id()).isEqualTo(botUserId);
        assertThat(server().accessTokens(botUserId))
                .extracting(InMemoryMattermostServer.AccessToken::id)
                .containsExactly(current.id());
        assertRefused(
                () -> provisioning().revokeUserAccessToken(admin, old.id()),
                404,
                InMemoryMattermostServer.ACCESS_TOKEN_NOT_FOUND,
                admin);
    }

    @Test
    void aDisabledBotsTokenWorksAgainOnceTheBotIsEnabled() {
        MattermostSession admin = admin();
        server().turnOn(ServerSetting.ENABLE_BOT_ACCOUNT_CREATION);
        String botUserId = provisioning().createBot(admin, "hello-jwt", "Hello JWT", "Gatehouse");
        MattermostSession asBot = session(provisioning()
                .createUserAccessToken(admin, botUserId, "Gatehouse")
                .token());
        server().disableBot(botUserId);
        assertRefused(() -> provisioning().me(asBot), 401, InMemoryMattermostServer.SESSION_EXPIRED, asBot);

        provisioning().enableBot(admin, botUserId);

        assertThat(provisioning().me(asBot).id()).isEqualTo(botUserId);
        assertThat(server().bots())
                .singleElement()
                .satisfies(bot -> assertThat(bot.enabled()).isTrue());
        provisioning().enableBot(admin, botUserId); // enabling an enabled bot is no error
    }

    @Test
    void enablingABotThatDoesNotExistIsA404() {
        MattermostSession admin = admin();
        String alice = server().addUser("alice").id();
        assertRefused(() -> provisioning().enableBot(admin, alice), 404, InMemoryMattermostServer.BOT_NOT_FOUND, admin);
    }

    // ---- custom slash commands ----

    @Test
    void aCreatedCommandIsListedForItsTeamOnly() {
        MattermostSession admin = admin();
        MattermostTeam eng = server().addTeam("eng");
        MattermostTeam ops = server().addTeam("ops");

        IssuedToken created = provisioning().createCommand(admin, command(eng.id()));

        assertThat(created.token()).matches("[a-z0-9]{26}");
        assertThat(provisioning().customCommands(admin, eng.id()))
                .containsExactly(new CustomCommand(created.id(), eng.id(), "hello-jwt", GATEHOUSE_URL, "P"));
        assertThat(provisioning().customCommands(admin, ops.id())).isEmpty();
        assertThat(server().commandsOf(eng.id())).singleElement().satisfies(command -> {
            assertThat(command.token()).isEqualTo(created.token());
            assertThat(command.request().autocomplete()).isTrue();
            assertThat(command.request().autocompleteHint())
                    .isEqualTo("send | info | connect | me | disconnect | configure | help");
            assertThat(command.request().displayName()).isEqualTo("Hello JWT");
        });
    }

    @Test
    void theSameTriggerTwiceInATeamIsRefused() {
        MattermostSession admin = admin();
        MattermostTeam eng = server().addTeam("eng");
        provisioning().createCommand(admin, command(eng.id()));
        assertRefused(
                () -> provisioning().createCommand(admin, command(eng.id())),
                400,
                InMemoryMattermostServer.DUPLICATE_TRIGGER,
                admin);
        provisioning().createCommand(admin, command(server().addTeam("ops").id()));
    }

    @Test
    void aRegeneratedTokenReplacesTheOldOne() {
        MattermostSession admin = admin();
        MattermostTeam eng = server().addTeam("eng");
        IssuedToken created = provisioning().createCommand(admin, command(eng.id()));

        String regenerated = provisioning().regenerateCommandToken(admin, created.id());

        assertThat(regenerated).matches("[a-z0-9]{26}").isNotEqualTo(created.token());
        assertThat(server().commandsOf(eng.id()))
                .singleElement()
                .satisfies(command -> assertThat(command.token()).isEqualTo(regenerated));
        assertRefused(
                () -> provisioning().regenerateCommandToken(admin, InMemoryMattermostServer.newId()),
                404,
                InMemoryMattermostServer.COMMAND_NOT_FOUND,
                admin);
    }

    @Test
    void aCommandMadeByHandIsListedWithItsUrl() {
        MattermostTeam eng = server().addTeam("eng");
        InMemoryMattermostServer.Command byHand =
                server().addCommand(eng.id(), "hello-jwt", "https://elsewhere.example");
        assertThat(provisioning().customCommands(admin(), eng.id()))
                .containsExactly(
                        new CustomCommand(byHand.id(), eng.id(), "hello-jwt", "https://elsewhere.example", "P"));
    }

    @Test
    void commandsAreRefusedWhileCustomSlashCommandsAreOff() {
        MattermostSession admin = admin();
        MattermostTeam eng = server().addTeam("eng");
        IssuedToken created = provisioning().createCommand(admin, command(eng.id()));
        server().turnOff(ServerSetting.ENABLE_COMMANDS);

        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> provisioning().customCommands(admin, eng.id()),
                () -> provisioning()
                        .createCommand(admin, command(server().addTeam("ops").id())))) {
            assertRefused(call, 501, InMemoryMattermostServer.COMMANDS_DISABLED, admin);
        }
        // api4's regen_token reports any failure to read the command, the 501 included, as "not found"
        assertRefused(
                () -> provisioning().regenerateCommandToken(admin, created.id()),
                404,
                InMemoryMattermostServer.COMMAND_NOT_FOUND,
                admin);
    }

    // ---- failures ----

    @Test
    void serverErrorsAndAnUnreachableServerAreMattermostExceptionsThatCarryNoToken() {
        MattermostSession admin = admin();
        MattermostTeam team = server().addTeam("eng");
        String alice = server().addUser("alice").id();
        serverFails();
        everyOperation(admin, team.id(), alice).forEach((operation, call) -> assertFails(operation, call, admin));
        serverIsUnreachable();
        everyOperation(admin, team.id(), alice).forEach((operation, call) -> assertFails(operation, call, admin));
    }

    /** Each operation of the port, as {@code session}. */
    private Map<String, ThrowingCallable> everyOperation(MattermostSession session, String teamId, String userId) {
        Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
        operations.put("me", () -> provisioning().me(session));
        operations.put("teamsOf", () -> provisioning().teamsOf(session));
        operations.put("settingsOff", () -> provisioning().settingsOff(session));
        operations.put("enable", () -> provisioning().enable(session, Set.of(ServerSetting.ENABLE_USER_ACCESS_TOKENS)));
        operations.put("userByUsername", () -> provisioning().userByUsername(session, "alice"));
        operations.put("createBot", () -> provisioning().createBot(session, "hello-jwt", "Hello JWT", "Gatehouse"));
        operations.put("enableBot", () -> provisioning().enableBot(session, userId));
        operations.put("createUserAccessToken", () -> provisioning().createUserAccessToken(session, userId, "x"));
        operations.put(
                "revokeUserAccessToken",
                () -> provisioning().revokeUserAccessToken(session, InMemoryMattermostServer.newId()));
        operations.put("addToTeam", () -> provisioning().addToTeam(session, teamId, userId));
        operations.put("customCommands", () -> provisioning().customCommands(session, teamId));
        operations.put("createCommand", () -> provisioning().createCommand(session, command(teamId)));
        operations.put(
                "regenerateCommandToken",
                () -> provisioning().regenerateCommandToken(session, InMemoryMattermostServer.newId()));
        return operations;
    }

    private static void assertRefused(
            ThrowingCallable call, int status, String errorId, MattermostSession... sessions) {
        assertRefused("the operation", call, status, errorId, sessions);
    }

    /** Mattermost refused: its status and error id, in a message that names no token. */
    private static void assertRefused(
            String operation, ThrowingCallable call, int status, String errorId, MattermostSession... sessions) {
        assertFails(operation, call, sessions);
        assertThatThrownBy(call).as(operation).isInstanceOfSatisfying(MattermostException.class, e -> {
            assertThat(e.status()).as(operation).contains(status);
            assertThat(e.errorId()).as(operation).contains(errorId);
        });
    }

    /** The call fails with a {@link MattermostException} whose messages (causes included) name no token. */
    private static void assertFails(String operation, ThrowingCallable call, MattermostSession... sessions) {
        List<String> tokens = new ArrayList<>();
        for (MattermostSession session : sessions) {
            tokens.add(session.token());
        }
        assertThatThrownBy(call).as(operation).isInstanceOfSatisfying(MattermostException.class, e -> {
            assertThat(e.getMessage()).as(operation).isNotBlank();
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as(operation).doesNotContain(tokens.toArray(String[]::new));
            }
        });
    }
}
