package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.call.Dialog;
import dev.gatehouse.domain.call.MattermostSession;
import dev.gatehouse.domain.call.MattermostUser;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SecretOwner;
import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.Stored;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link Mattermost} must do, as far as the use cases rely on it. Run by the recording
 * fake and by the HTTP adapter against a Mattermost server over real HTTP, so the fake refuses what the server
 * refuses: sessions it never issued, the OAuth2 app without a system admin, a user's token with the bot's session, a
 * dialog without a fresh trigger id. Each test starts on a server with nothing stored.
 */
public abstract class MattermostContract {

    private static final OAuth2ClientCredentials CLIENT =
            new OAuth2ClientCredentials("client-1", "client-secret-" + UUID.randomUUID());

    protected abstract Mattermost mattermost();

    /** The bot's session ({@code bot_access_token}) at the server. */
    protected abstract MattermostSession botSession();

    protected abstract String botUserId();

    /** A session the server issued to {@code userId}, a user without manage_system. */
    protected abstract MattermostSession userSession(String userId);

    /** A session the server issued to {@code userId}, a system admin. */
    protected abstract MattermostSession adminSession(String userId);

    /** The messages {@code userId} received in their direct channel with the bot, oldest first. */
    protected abstract List<String> directMessagesTo(String userId);

    /** The client_id of the OAuth2 app as the server stored it, if one was stored. */
    protected abstract Optional<String> storedClientId();

    /** A trigger id the server just put in a slash command request of {@code userId} (CLASSIC.md §1). */
    protected abstract String triggerId(String userId);

    /** A trigger id the server issued for {@code userId} longer ago than it accepts. */
    protected abstract String expiredTriggerId(String userId);

    /** The dialogs the server opened for {@code userId}, oldest first, as it read them. */
    protected abstract List<Dialog> dialogsOpenedFor(String userId);

    /** From now on the server answers every request with HTTP 500. */
    protected abstract void serverFails();

    /** From now on the server cannot be reached. */
    protected abstract void serverIsUnreachable();

    @Test
    void aDirectMessageFromTheBotReachesTheUser() {
        mattermost().sendDirectMessage(botSession(), botUserId(), "alice", "Hello, alice");
        mattermost().sendDirectMessage(botSession(), botUserId(), "alice", "Again");
        assertThat(directMessagesTo("alice")).containsExactly("Hello, alice", "Again");
        assertThat(directMessagesTo("bob")).isEmpty();
    }

    @Test
    void aStoredUserTokenLoadsBackWithAccessRefreshAndExpiry() {
        OAuth2Token token = token();
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), token);
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.of(token));
    }

    @Test
    void aTokenWithoutRefreshTokenOrExpiryLoadsBackWithoutThem() {
        OAuth2Token bare = new OAuth2Token("access-" + UUID.randomUUID(), null, null);
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), bare);
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.of(bare));
    }

    @Test
    void storingAgainReplacesTheToken() {
        OAuth2Token renewed = token();
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), token());
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), renewed);
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.of(renewed));
    }

    @Test
    void aUserWhoStoredNothingLoadsAbsent() {
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.absent());
    }

    @Test
    void aClearedTokenLoadsAbsent() {
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), token());
        mattermost().clearOAuth2User(userSession("alice"));
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.absent());
    }

    @Test
    void tokensArePerUser() {
        OAuth2Token alices = token();
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), alices);
        assertThat(mattermost().loadOAuth2User(userSession("bob"), owner("bob")))
                .isEqualTo(Stored.absent());

        OAuth2Token bobs = token();
        mattermost().storeOAuth2User(userSession("bob"), owner("bob"), bobs);
        mattermost().clearOAuth2User(userSession("bob"));
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.of(alices));
    }

    @Test
    void aTokenLoadsOnlyForTheOwnerItWasStoredFor() {
        OAuth2Token token = token();
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), token);
        for (SecretOwner other : List.of(
                SecretOwner.userToken(InstallationId.random(), "alice"), SecretOwner.userToken(INSTALLATION, "bob"))) {
            assertThat(mattermost().loadOAuth2User(userSession("alice"), other))
                    .isInstanceOfSatisfying(
                            Stored.Unreadable.class,
                            unreadable -> assertThat(unreadable.reason()).doesNotContain(token.accessToken()));
        }
        assertThat(mattermost().loadOAuth2User(userSession("alice"), owner("alice")))
                .isEqualTo(Stored.of(token));
    }

    @Test
    void aSystemAdminStoresTheOAuth2App() {
        mattermost().storeOAuth2App(adminSession("root"), SecretOwner.clientSecret(INSTALLATION), CLIENT);
        assertThat(storedClientId()).contains("client-1");
    }

    @Test
    void aUserWhoIsNoSystemAdminCannotStoreTheOAuth2App() {
        assertRefused(
                () -> mattermost().storeOAuth2App(userSession("alice"), SecretOwner.clientSecret(INSTALLATION), CLIENT),
                userSession("alice"));
        assertThat(storedClientId()).isEmpty();
    }

    @Test
    void theBotCannotStoreReadOrClearAUsersToken() {
        OAuth2Token token = token();
        assertRefused(() -> mattermost().storeOAuth2User(botSession(), owner("bot"), token), botSession(), token);
        assertRefused(() -> mattermost().loadOAuth2User(botSession(), owner("bot")), botSession());
        assertRefused(() -> mattermost().clearOAuth2User(botSession()), botSession());
    }

    @Test
    void theBotReadsItselfAsMe() {
        MattermostUser me = mattermost().user(botSession(), "me");
        assertThat(me.id()).isEqualTo(botUserId());
        assertThat(me.bot()).isTrue();
        assertThat(me.isSystemAdmin()).isFalse();
    }

    @Test
    void aUsersRolesSayWhetherTheyAreASystemAdmin() {
        adminSession("root");
        userSession("alice");

        MattermostUser root = mattermost().user(botSession(), "root");
        MattermostUser alice = mattermost().user(botSession(), "alice");

        assertThat(root.id()).isEqualTo("root");
        assertThat(root.isSystemAdmin()).isTrue();
        assertThat(root.bot()).isFalse();
        assertThat(alice.id()).isEqualTo("alice");
        assertThat(alice.username()).isNotBlank();
        assertThat(alice.roles().split(" ")).contains("system_user");
        assertThat(alice.isSystemAdmin()).isFalse();
        assertThat(mattermost().user(userSession("alice"), "me")).isEqualTo(alice);
    }

    @Test
    void aUserTheServerDoesNotKnowIsA404() {
        assertRefused(() -> mattermost().user(botSession(), "nobody"), botSession());
        assertThatThrownBy(() -> mattermost().user(botSession(), "nobody"))
                .isInstanceOfSatisfying(
                        MattermostException.class, e -> assertThat(e.status()).contains(404));
    }

    @Test
    void aDialogOpensForTheUserWhoseCommandGaveTheTriggerId() {
        Dialog dialog = dialog(triggerId("alice"));
        mattermost().openDialog(botSession(), dialog);
        assertThat(dialogsOpenedFor("alice")).containsExactly(dialog);
        assertThat(dialogsOpenedFor("bob")).isEmpty();
    }

    /** api4 serves dialogs/open without requiring a session: the signed, short-lived trigger id is what it checks. */
    @Test
    void openingADialogNeedsAFreshTriggerIdNotASession() {
        MattermostSession unknown = new MattermostSession(botSession().baseUrl(), "never-issued-" + UUID.randomUUID());
        Dialog dialog = dialog(triggerId("alice"));
        mattermost().openDialog(unknown, dialog);
        assertThat(dialogsOpenedFor("alice")).containsExactly(dialog);
    }

    @Test
    void aTriggerIdTheServerNeverIssuedOpensNoDialog() {
        Dialog forged = dialog(Base64.getEncoder().encodeToString("client:alice:1700000000000:sig".getBytes()));
        assertThatThrownBy(() -> mattermost().openDialog(botSession(), forged))
                .isInstanceOfSatisfying(MattermostException.class, e -> {
                    assertThat(e.status()).contains(400);
                    assertThat(e.errorId())
                            .hasValueSatisfying(
                                    id -> assertThat(id).startsWith("interactive_message.decode_trigger_id."));
                });
        assertRefused(() -> mattermost().openDialog(botSession(), forged), botSession());
        assertThat(dialogsOpenedFor("alice")).isEmpty();
    }

    @Test
    void anExpiredTriggerIdOpensNoDialog() {
        Dialog late = dialog(expiredTriggerId("alice"));
        assertThatThrownBy(() -> mattermost().openDialog(botSession(), late))
                .isInstanceOfSatisfying(MattermostException.class, e -> {
                    assertThat(e.status()).contains(400);
                    assertThat(e.errorId()).contains("interactive_message.decode_trigger_id.expired");
                });
        assertThat(dialogsOpenedFor("alice")).isEmpty();
    }

    @Test
    void aSessionTheServerNeverIssuedIsRefusedEverywhere() {
        MattermostSession unknown = new MattermostSession(botSession().baseUrl(), "never-issued-" + UUID.randomUUID());
        OAuth2Token token = token();
        Map<String, ThrowingCallable> operations = everyOperation(unknown, unknown, unknown, token, triggerId("alice"));
        operations.remove("openDialog"); // needs no session (above)
        operations.forEach((operation, call) -> {
            assertRefused(operation, call, unknown, token);
            assertThatThrownBy(call)
                    .as(operation)
                    .isInstanceOfSatisfying(
                            MattermostException.class,
                            e -> assertThat(e.status()).contains(401));
        });
        assertThat(directMessagesTo("alice")).isEmpty();
        assertThat(storedClientId()).isEmpty();
    }

    @Test
    void serverErrorsAreMattermostExceptionsThatCarryNoToken() {
        OAuth2Token token = token();
        mattermost().storeOAuth2User(userSession("alice"), owner("alice"), token);
        String trigger = triggerId("alice");
        serverFails();
        everyOperation(botSession(), adminSession("root"), userSession("alice"), token(), trigger)
                .forEach((operation, call) -> assertRefused(
                        operation, call, botSession(), adminSession("root"), userSession("alice"), token));
    }

    @Test
    void anUnreachableServerIsAMattermostExceptionThatCarriesNoToken() {
        MattermostSession bot = botSession();
        MattermostSession admin = adminSession("root");
        MattermostSession alice = userSession("alice");
        OAuth2Token token = token();
        String trigger = triggerId("alice");
        serverIsUnreachable();
        everyOperation(bot, admin, alice, token, trigger)
                .forEach((operation, call) -> assertRefused(operation, call, bot, admin, alice, token));
    }

    /** The installation whose values the contract stores. */
    private static final InstallationId INSTALLATION = InstallationId.random();

    /** What a user's token is sealed for on {@link #INSTALLATION}. */
    private static SecretOwner owner(String user) {
        return SecretOwner.userToken(INSTALLATION, user);
    }

    private static OAuth2Token token() {
        return new OAuth2Token(
                "access-" + UUID.randomUUID(), "refresh-" + UUID.randomUUID(), Instant.parse("2030-01-02T03:04:05Z"));
    }

    /** The configure dialog as the slash-command ingress opens it (CLASSIC.md §2). */
    private static Dialog dialog(String triggerId) {
        return new Dialog(
                triggerId,
                "https://gatehouse.example.com/i/abc/dialog",
                "configure",
                "Configure OAuth2",
                List.of(
                        new Dialog.Element("Client ID", "client_id", false, false, "From your provider"),
                        new Dialog.Element("Client secret", "client_secret", true, false, null)),
                "Save",
                "signed-state-" + UUID.randomUUID());
    }

    /** Each operation of the port, acting as the session it needs. */
    private Map<String, ThrowingCallable> everyOperation(
            MattermostSession bot,
            MattermostSession admin,
            MattermostSession user,
            OAuth2Token token,
            String triggerId) {
        Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
        operations.put(
                "sendDirectMessage", () -> mattermost().sendDirectMessage(bot, botUserId(), "alice", "Hello, alice"));
        operations.put("user", () -> mattermost().user(bot, "me"));
        operations.put("openDialog", () -> mattermost().openDialog(bot, dialog(triggerId)));
        operations.put(
                "storeOAuth2App",
                () -> mattermost().storeOAuth2App(admin, SecretOwner.clientSecret(INSTALLATION), CLIENT));
        operations.put("storeOAuth2User", () -> mattermost().storeOAuth2User(user, owner("alice"), token));
        operations.put("clearOAuth2User", () -> mattermost().clearOAuth2User(user));
        operations.put("loadOAuth2User", () -> mattermost().loadOAuth2User(user, owner("alice")));
        return operations;
    }

    private void assertRefused(ThrowingCallable call, Object... holdingSecrets) {
        assertRefused("the operation", call, holdingSecrets);
    }

    /** The call fails with a {@link MattermostException} whose messages (causes included) name no secret. */
    private static void assertRefused(String operation, ThrowingCallable call, Object... holdingSecrets) {
        List<String> secrets = new ArrayList<>(List.of(CLIENT.clientSecret()));
        for (Object holder : holdingSecrets) {
            if (holder instanceof MattermostSession session) {
                secrets.add(session.token());
            } else if (holder instanceof OAuth2Token token) {
                secrets.add(token.accessToken());
                token.refresh().ifPresent(secrets::add);
            }
        }
        assertThatThrownBy(call).as(operation).isInstanceOfSatisfying(MattermostException.class, e -> {
            assertThat(e.getMessage()).as(operation).isNotBlank();
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as(operation).doesNotContain(secrets.toArray(String[]::new));
            }
        });
    }
}
