package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.AppCall;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.Binding;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.Form;
import dev.gatehouse.domain.call.FormField;
import dev.gatehouse.domain.call.VerifiedCall;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything Mattermost can ask of the app, declared once: the subcommands of {@code /<app id>} (who may run them, what
 * they need expanded, the use case that answers) and the calls Mattermost makes on its own (ping, bindings, install,
 * OAuth2). The Apps bindings, the manifest's calls, the call routes and the {@code help} text are all derived from
 * here, so a new subcommand is one use case plus one {@link Subcommand} in {@code UseCases}. A second ingress (classic
 * slash commands) dispatches on the same {@link #subcommand(String)}.
 */
public final class CommandCatalog {

    /** The app icon, served beside the manifest and shown on the command. */
    public static final String ICON = "icon.png";

    public static final String HELP = "help";

    /** Who may run a subcommand; system admins also see the rest. */
    public enum Audience {
        EVERYONE,
        SYSTEM_ADMINS
    }

    /**
     * Whether answering only computes, or may wait on I/O (the database, Mattermost, the provider); an ingress runs the
     * first where the request arrived and moves the second to a thread that may block.
     */
    public enum Work {
        COMPUTES,
        BLOCKS
    }

    /** The use case that answers a call. */
    @FunctionalInterface
    public interface Handler {
        CallOutcome handle(VerifiedCall call);
    }

    /** What the ingress runs for one call path. */
    public record Route(AppCall call, Work work, Handler handler) {
        public Route {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(handler, "handler");
        }
    }

    /**
     * A subcommand of {@code /<app id>}. {@code expand} is what the Apps framework must put in the call (PROTOCOL.md
     * §3.2); {@code form} fields, when present, are asked for before the call is made.
     */
    public record Subcommand(
            String name,
            String description,
            String hint,
            Audience audience,
            Map<String, String> expand,
            List<FormField> form,
            Work work,
            Handler handler) {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

        public Subcommand {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("subcommand name must be one lower-case word: " + name);
            }
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("subcommand " + name + " needs a description");
            }
            hint = hint == null ? "" : hint;
            Objects.requireNonNull(audience, "audience");
            expand = Map.copyOf(expand);
            form = List.copyOf(form);
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(handler, "handler");
        }

        public Subcommand(
                String name,
                String description,
                Audience audience,
                Map<String, String> expand,
                Work work,
                Handler handler) {
            this(name, description, "", audience, expand, List.of(), work, handler);
        }

        public AppCall call() {
            return AppCall.to("/" + name, expand);
        }

        public Route route() {
            return new Route(call(), work, handler);
        }

        public boolean offeredTo(boolean systemAdmin) {
            return audience == Audience.EVERYONE || systemAdmin;
        }
    }

    /** A call Mattermost makes by itself rather than for a typed command (PROTOCOL.md §1). */
    public enum Hook {
        PING,
        BINDINGS,
        ON_INSTALL,
        ON_UNINSTALL,
        GET_OAUTH2_CONNECT_URL,
        ON_OAUTH2_COMPLETE
    }

    private final AppId appId;
    private final List<Subcommand> subcommands;
    private final Map<Hook, Route> hooks;
    private final Map<String, Route> routes;
    /** The same for every call of a kind of user, so built once: this is the most frequent call Mattermost makes. */
    private final CallOutcome.Bindings forUsers;

    private final CallOutcome.Bindings forAdmins;
    private final String help;

    /**
     * @param subcommands in the order users see them; {@code help} is added at the end
     * @param hooks       every hook but {@link Hook#BINDINGS}, which the catalog answers itself
     */
    public CommandCatalog(AppId appId, List<Subcommand> subcommands, Map<Hook, Route> hooks) {
        this.appId = Objects.requireNonNull(appId, "appId");
        List<Subcommand> all = new ArrayList<>(subcommands);
        all.add(new Subcommand(
                HELP, "List these commands", Audience.EVERYONE, Map.of(), Work.COMPUTES, call -> help()));
        this.subcommands = List.copyOf(all);
        Map<Hook, Route> allHooks = new EnumMap<>(hooks);
        if (allHooks.containsKey(Hook.BINDINGS)) {
            throw new IllegalArgumentException("the bindings are derived from the catalog, not declared");
        }
        allHooks.put(
                Hook.BINDINGS,
                new Route(AppCall.to("/bindings", Map.of("acting_user", "summary")), Work.COMPUTES, this::bindings));
        for (Hook hook : Hook.values()) {
            if (!allHooks.containsKey(hook)) {
                throw new IllegalArgumentException("no route for " + hook);
            }
        }
        this.hooks = Map.copyOf(allHooks);
        Map<String, Route> byPath = new LinkedHashMap<>();
        for (Route route : allHooks.values()) {
            add(byPath, route);
        }
        for (Subcommand subcommand : this.subcommands) {
            add(byPath, subcommand.route());
        }
        this.routes = Map.copyOf(byPath);
        this.forUsers = buildBindings(false);
        this.forAdmins = buildBindings(true);
        this.help = buildHelp();
    }

    private static void add(Map<String, Route> byPath, Route route) {
        if (byPath.putIfAbsent(route.call().path(), route) != null) {
            throw new IllegalArgumentException("two calls on " + route.call().path());
        }
    }

    public AppId appId() {
        return appId;
    }

    /** The subcommands in the order users see them, {@code help} last. */
    public List<Subcommand> subcommands() {
        return subcommands;
    }

    /** The subcommand a typed word names, in any case; empty when there is none. */
    public Optional<Subcommand> subcommand(String word) {
        String name = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return subcommands.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Route hook(Hook hook) {
        return hooks.get(hook);
    }

    /** What answers a call path ({@code /send}, {@code /oauth2/complete}, ...); empty for a path the app has not. */
    public Optional<Route> route(String path) {
        return Optional.ofNullable(routes.get(path));
    }

    /** Every call path, hooks and subcommands. */
    public Set<String> paths() {
        return routes.keySet();
    }

    /** The slash command for the acting user: {@code configure} and other admin commands only for system admins. */
    public CallOutcome.Bindings bindings(VerifiedCall call) {
        return call.actingUserIsSystemAdmin() ? forAdmins : forUsers;
    }

    /** One line per subcommand, for {@code /<app id> help} and for a word the app does not know. */
    public CallOutcome.Ok help() {
        return new CallOutcome.Ok(help);
    }

    private CallOutcome.Bindings buildBindings(boolean systemAdmin) {
        List<Binding> commands = subcommands.stream()
                .filter(s -> s.offeredTo(systemAdmin))
                .map(this::binding)
                .toList();
        String hint =
                "[" + String.join(" | ", commands.stream().map(Binding::label).toList()) + "]";
        Binding root =
                new Binding(appId.value(), appId.value(), ICON, hint, "Gatehouse: " + appId, null, null, commands);
        return new CallOutcome.Bindings(List.of(Binding.location("/command", List.of(root))));
    }

    private Binding binding(Subcommand subcommand) {
        String hint = subcommand.hint().isEmpty() ? null : subcommand.hint();
        if (subcommand.form().isEmpty()) {
            return new Binding(
                    subcommand.name(),
                    subcommand.name(),
                    null,
                    hint,
                    subcommand.description(),
                    subcommand.call(),
                    null,
                    null);
        }
        String title = Character.toUpperCase(subcommand.name().charAt(0))
                + subcommand.name().substring(1) + " " + appId;
        Form form = new Form(title, ICON, subcommand.call(), subcommand.form());
        return new Binding(
                subcommand.name(), subcommand.name(), null, hint, subcommand.description(), null, form, null);
    }

    private String buildHelp() {
        StringBuilder text = new StringBuilder("**/" + appId + "** answers:");
        for (Subcommand subcommand : subcommands) {
            text.append("\n- ").append(appId.command(subcommand.name()));
            if (!subcommand.hint().isEmpty()) {
                text.append(' ').append(subcommand.hint());
            }
            text.append(" — ").append(subcommand.description());
            if (subcommand.audience() == Audience.SYSTEM_ADMINS) {
                text.append(" (system admins only)");
            }
        }
        return text.toString();
    }
}
