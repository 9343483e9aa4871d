package dev.gatehouse.application.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.call.CommandCatalog.Audience;
import dev.gatehouse.application.call.CommandCatalog.Hook;
import dev.gatehouse.application.call.CommandCatalog.Route;
import dev.gatehouse.application.call.CommandCatalog.Subcommand;
import dev.gatehouse.application.call.CommandCatalog.Work;
import dev.gatehouse.application.fakes.FakePorts;
import dev.gatehouse.domain.call.ActingUser;
import dev.gatehouse.domain.call.AppCall;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.Binding;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.VerifiedCall;
import dev.gatehouse.domain.installation.InstallationFixtures;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCatalogTest {

    private final FakePorts fakes = new FakePorts();
    private final CommandCatalog catalog = fakes.useCases().catalog();

    private VerifiedCall callBy(ActingUser user) {
        return new VerifiedCall(
                InstallationFixtures.anActive(), Ingress.APPS, new CallContext(null, null, null, user, null));
    }

    /** The root command binding {@code /hello-jwt} as {@code user} gets it. */
    private Binding root(ActingUser user) {
        var top = catalog.bindings(callBy(user)).bindings();
        assertThat(top).singleElement().satisfies(location -> {
            assertThat(location.location()).isEqualTo("/command");
            assertThat(location.bindings()).hasSize(1);
        });
        return top.get(0).bindings().get(0);
    }

    @Test
    void declaresTheHelloJwtSubcommandsWithHelpLast() {
        assertThat(catalog.subcommands())
                .extracting(Subcommand::name)
                .containsExactly("send", "info", "connect", "disconnect", "me", "configure", "help");
        assertThat(catalog.subcommand("configure").orElseThrow().audience()).isEqualTo(Audience.SYSTEM_ADMINS);
    }

    @Test
    void findsASubcommandByItsWordInAnyCase() {
        assertThat(catalog.subcommand(" SEND ")).map(Subcommand::name).contains("send");
        assertThat(catalog.subcommand("Me")).map(Subcommand::name).contains("me");
        assertThat(catalog.subcommand("sendx")).isEmpty();
        assertThat(catalog.subcommand("")).isEmpty();
        assertThat(catalog.subcommand(null)).isEmpty();
    }

    @Test
    void routesEveryHookAndSubcommandByItsPath() {
        assertThat(catalog.paths())
                .containsExactlyInAnyOrder(
                        "/ping",
                        "/bindings",
                        "/install",
                        "/uninstall",
                        "/oauth2/connect",
                        "/oauth2/complete",
                        "/send",
                        "/info",
                        "/connect",
                        "/disconnect",
                        "/me",
                        "/configure",
                        "/help");
        for (Hook hook : Hook.values()) {
            assertThat(catalog.route(catalog.hook(hook).call().path())).contains(catalog.hook(hook));
        }
        assertThat(catalog.route("/nope")).isEmpty();
        assertThat(catalog.route("send")).isEmpty();
    }

    @Test
    void onlyCallsThatComputeRunWithoutBlocking() {
        assertThat(catalog.paths().stream()
                        .filter(path -> catalog.route(path).orElseThrow().work() == Work.COMPUTES))
                .containsExactlyInAnyOrder("/ping", "/bindings", "/info", "/help");
    }

    @Test
    void helpListsEverySubcommandOnOneLineAndMarksTheAdminOnes() {
        String help = catalog.help().text();
        assertThat(help.lines().skip(1))
                .hasSize(catalog.subcommands().size())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("- `/hello-jwt send`")
                        .contains("The bot sends you a direct message"))
                .anySatisfy(line ->
                        assertThat(line).startsWith("- `/hello-jwt configure`").endsWith("(system admins only)"));
        assertThat(catalog.route("/help").orElseThrow().handler().handle(callBy(new ActingUser("u1", "a", ""))))
                .isEqualTo(new CallOutcome.Ok(help));
    }

    @Test
    void bindingsOfferConfigureOnlyToSystemAdmins() {
        Binding forUser = root(new ActingUser("u1", "alice", "system_user"));
        assertThat(forUser.label()).isEqualTo("hello-jwt");
        assertThat(forUser.icon()).isEqualTo("icon.png");
        assertThat(forUser.hint()).isEqualTo("[send | info | connect | disconnect | me | help]");
        assertThat(forUser.bindings())
                .extracting(Binding::label)
                .containsExactly("send", "info", "connect", "disconnect", "me", "help");
        assertThat(forUser.bindings().get(0).submit().expand()).containsEntry("acting_user", "id");

        Binding forAdmin = root(new ActingUser("a1", "root", "system_user system_admin"));
        assertThat(forAdmin.hint()).isEqualTo("[send | info | connect | disconnect | me | configure | help]");
        assertThat(forAdmin.bindings())
                .filteredOn(b -> b.label().equals("configure"))
                .singleElement()
                .satisfies(configure -> {
                    assertThat(configure.form().title()).isEqualTo("Configure hello-jwt");
                    assertThat(configure.form().submit().path()).isEqualTo("/configure");
                    assertThat(configure.form().submit().expand())
                            .containsEntry("acting_user", "summary")
                            .containsEntry("acting_user_access_token", "all");
                    assertThat(configure.form().fields())
                            .extracting(f -> f.name() + ":" + f.subtype())
                            .containsExactly("client_id:null", "client_secret:password");
                });
        // a user without roles in the context (acting_user only at "id" level) is no admin
        assertThat(root(new ActingUser("u2", "", "")).bindings())
                .extracting(Binding::label)
                .doesNotContain("configure");
    }

    @Test
    void aNewSubcommandIsOneEntry() {
        Map<Hook, Route> hooks = new EnumMap<>(Hook.class);
        for (Hook hook : Hook.values()) {
            if (hook != Hook.BINDINGS) {
                hooks.put(hook, catalog.hook(hook));
            }
        }
        CommandCatalog withWeather = new CommandCatalog(
                new AppId("hello-jwt"),
                List.of(new Subcommand(
                        "weather",
                        "Today's weather",
                        Audience.EVERYONE,
                        Map.of("acting_user", "id"),
                        Work.BLOCKS,
                        call -> new CallOutcome.Ok("sunny"))),
                hooks);
        assertThat(withWeather.route("/weather")).isPresent();
        assertThat(withWeather.help().text()).contains("`/hello-jwt weather` — Today's weather");
        assertThat(withWeather
                        .bindings(callBy(new ActingUser("u1", "a", "")))
                        .bindings()
                        .get(0)
                        .bindings()
                        .get(0)
                        .bindings())
                .extracting(Binding::label)
                .containsExactly("weather", "help");
    }

    @Test
    void refusesTwoCallsOnOnePathAndAMissingHook() {
        Route ping = catalog.hook(Hook.PING);
        Map<Hook, Route> hooks = new EnumMap<>(Hook.class);
        for (Hook hook : Hook.values()) {
            if (hook != Hook.BINDINGS) {
                hooks.put(hook, catalog.hook(hook));
            }
        }
        Subcommand pingAgain = new Subcommand(
                "ping", "Pong", Audience.EVERYONE, Map.of(), Work.COMPUTES, call -> new CallOutcome.Ok("pong"));
        assertThatThrownBy(() -> new CommandCatalog(new AppId("hello-jwt"), List.of(pingAgain), hooks))
                .hasMessageContaining("two calls on /ping");
        hooks.remove(Hook.ON_INSTALL);
        assertThatThrownBy(() -> new CommandCatalog(new AppId("hello-jwt"), List.of(), hooks))
                .hasMessageContaining("ON_INSTALL");
        hooks.put(Hook.BINDINGS, new Route(AppCall.to("/b"), Work.COMPUTES, ping.handler()));
        assertThatThrownBy(() -> new CommandCatalog(new AppId("hello-jwt"), List.of(), hooks))
                .hasMessageContaining("derived");
    }

    @Test
    void subcommandNamesAreSingleLowerCaseWords() {
        assertThatThrownBy(
                        () -> new Subcommand("Send it", "x", Audience.EVERYONE, Map.of(), Work.COMPUTES, call -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
