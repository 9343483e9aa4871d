package dev.gatehouse.application;

import static dev.gatehouse.application.call.CommandCatalog.Audience.EVERYONE;
import static dev.gatehouse.application.call.CommandCatalog.Audience.SYSTEM_ADMINS;
import static dev.gatehouse.application.call.CommandCatalog.Work.BLOCKS;
import static dev.gatehouse.application.call.CommandCatalog.Work.COMPUTES;

import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.application.call.AuthenticateCall;
import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.application.call.CommandCatalog.Hook;
import dev.gatehouse.application.call.CommandCatalog.Route;
import dev.gatehouse.application.call.CommandCatalog.Subcommand;
import dev.gatehouse.application.call.DescribeInstallation;
import dev.gatehouse.application.call.RateLimits;
import dev.gatehouse.application.call.RecordInstall;
import dev.gatehouse.application.call.RecordRejection;
import dev.gatehouse.application.call.RecordUninstall;
import dev.gatehouse.application.call.SendGreeting;
import dev.gatehouse.application.console.ConsoleSignIn;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.Changes;
import dev.gatehouse.application.installation.DeleteInstallation;
import dev.gatehouse.application.installation.FindInstallations;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.application.installation.SetSecret;
import dev.gatehouse.application.oauth2.CompleteOAuth2;
import dev.gatehouse.application.oauth2.ConfigureOAuth2Client;
import dev.gatehouse.application.oauth2.Disconnect;
import dev.gatehouse.application.oauth2.OAuth2Stores;
import dev.gatehouse.application.oauth2.ResealOutdatedOAuth2;
import dev.gatehouse.application.oauth2.ShowConnectLink;
import dev.gatehouse.application.oauth2.ShowProfile;
import dev.gatehouse.application.oauth2.StartOAuth2;
import dev.gatehouse.application.slash.AuthenticateSlashCommand;
import dev.gatehouse.application.slash.FollowOAuth2Link;
import dev.gatehouse.application.slash.GatehouseLinks;
import dev.gatehouse.application.slash.ProvisionSlashCommands;
import dev.gatehouse.application.slash.RunSlashCommand;
import dev.gatehouse.application.slash.SlashCalls;
import dev.gatehouse.application.slash.SlashCommandSetup;
import dev.gatehouse.application.slash.SubmitDialog;
import dev.gatehouse.domain.call.AppCall;
import dev.gatehouse.domain.call.AppId;
import dev.gatehouse.domain.call.AppVersion;
import dev.gatehouse.domain.call.CallOutcome;
import dev.gatehouse.domain.call.FormField;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.ConsoleSignInLinks;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Mattermost;
import dev.gatehouse.domain.port.MattermostProvisioning;
import dev.gatehouse.domain.port.OAuth2Provider;
import dev.gatehouse.domain.port.OAuth2Store;
import dev.gatehouse.domain.port.RateLimiter;
import dev.gatehouse.domain.port.SignedStates;
import dev.gatehouse.domain.port.StateNonces;
import dev.gatehouse.domain.port.TokenRefreshLock;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every use case, built once from the ports. Production (bootstrap) and tests build Gatehouse the same way: they
 * supply only the {@link Ports} — real adapters or fakes — and the {@link Settings}.
 *
 * <p>The {@link CommandCatalog} is declared here, next to the use cases it names: a new subcommand is its use case
 * plus one {@link Subcommand} line below.
 */
public final class UseCases {

    /** What the core needs from outside. */
    public record Ports(
            Installations installations,
            AuditLog auditLog,
            Transactions transactions,
            CallTokenVerifier callTokenVerifier,
            Mattermost mattermost,
            OAuth2Provider oauth2Provider,
            TokenRefreshLock tokenRefreshLock,
            OAuth2Store gatehouseOAuth2Store,
            SignedStates signedStates,
            StateNonces stateNonces,
            MattermostProvisioning provisioning,
            RateLimiter rateLimiter,
            ConsoleSignInLinks consoleSignInLinks,
            Clock clock) {
        public Ports {
            Objects.requireNonNull(installations, "installations");
            Objects.requireNonNull(auditLog, "auditLog");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(callTokenVerifier, "callTokenVerifier");
            Objects.requireNonNull(mattermost, "mattermost");
            Objects.requireNonNull(oauth2Provider, "oauth2Provider");
            Objects.requireNonNull(tokenRefreshLock, "tokenRefreshLock");
            Objects.requireNonNull(gatehouseOAuth2Store, "gatehouseOAuth2Store");
            Objects.requireNonNull(signedStates, "signedStates");
            Objects.requireNonNull(stateNonces, "stateNonces");
            Objects.requireNonNull(provisioning, "provisioning");
            Objects.requireNonNull(rateLimiter, "rateLimiter");
            Objects.requireNonNull(consoleSignInLinks, "consoleSignInLinks");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /**
     * The operator's choices the core obeys. {@code publicUrl} is where Mattermost and users' browsers reach Gatehouse:
     * the slash-command ingress puts it in dialogs and links.
     */
    /** @param defaultRateLimit the rate limit of installations without their own; empty: those are not limited */
    public record Settings(
            AppId appId,
            AppVersion version,
            boolean allowWeakSecrets,
            String publicUrl,
            Optional<RateLimit> defaultRateLimit) {
        public Settings {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(publicUrl, "publicUrl");
            Objects.requireNonNull(defaultRateLimit, "defaultRateLimit");
        }
    }

    private final RegisterInstallation registerInstallation;
    private final FindInstallations findInstallations;
    private final ChangeInstallation changeInstallation;
    private final RotateSecret rotateSecret;
    private final SetSecret setSecret;
    private final DeleteInstallation deleteInstallation;
    private final ReadAuditLog readAuditLog;
    private final AuthenticateCall authenticateCall;
    private final RecordRejection recordRejection;
    private final CommandCatalog catalog;
    private final AuthenticateSlashCommand authenticateSlashCommand;
    private final RunSlashCommand runSlashCommand;
    private final SubmitDialog submitDialog;
    private final FollowOAuth2Link followOAuth2Link;
    private final ProvisionSlashCommands provisionSlashCommands;
    private final SlashCommandSetup slashCommandSetup;
    private final ConsoleSignIn consoleSignIn;

    public UseCases(Ports ports, Settings settings) {
        Installations installations = ports.installations();
        AuditLog audit = ports.auditLog();
        Transactions tx = ports.transactions();
        Clock clock = ports.clock();
        Mattermost mattermost = ports.mattermost();
        OAuth2Provider provider = ports.oauth2Provider();
        TokenRefreshLock lock = ports.tokenRefreshLock();
        AppId appId = settings.appId();
        OAuth2Stores stores = new OAuth2Stores(mattermost, ports.gatehouseOAuth2Store());
        ResealOutdatedOAuth2 reseal = new ResealOutdatedOAuth2(mattermost, lock);

        registerInstallation = new RegisterInstallation(installations, audit, tx, clock);
        findInstallations = new FindInstallations(installations);
        changeInstallation = new ChangeInstallation(installations, audit, tx, clock);
        rotateSecret = new RotateSecret(installations, audit, tx, clock);
        setSecret = new SetSecret(installations, audit, tx, clock, settings.allowWeakSecrets());
        deleteInstallation = new DeleteInstallation(installations, audit, tx, clock);
        readAuditLog = new ReadAuditLog(audit);
        RateLimits rateLimits = new RateLimits(ports.rateLimiter(), settings.defaultRateLimit());
        authenticateCall = new AuthenticateCall(installations, ports.callTokenVerifier(), clock, rateLimits);
        recordRejection = new RecordRejection(audit, clock);

        // The OAuth2 calls name everything they need: the client ({@code oauth2_app}) also renews an expired token.
        catalog = new CommandCatalog(
                appId,
                List.of(
                        new Subcommand(
                                "send",
                                "The bot sends you a direct message",
                                EVERYONE,
                                Map.of("acting_user", "id"),
                                BLOCKS,
                                new SendGreeting(mattermost)::send),
                        new Subcommand(
                                "info",
                                "Which installation and app version answer you",
                                EVERYONE,
                                Map.of("acting_user", "summary"),
                                COMPUTES,
                                new DescribeInstallation(appId, settings.version())::describe),
                        new Subcommand(
                                "connect",
                                "Connect your account at the OAuth2 provider",
                                EVERYONE,
                                Map.of("acting_user", "id", "oauth2_app", "all", "oauth2_user", "all"),
                                BLOCKS,
                                reseal.before(new ShowConnectLink(provider, appId)::show)),
                        new Subcommand(
                                "disconnect",
                                "Forget your OAuth2 provider account",
                                EVERYONE,
                                Map.of("acting_user", "id", "acting_user_access_token", "all"),
                                BLOCKS,
                                new Disconnect(stores, lock, audit, clock, appId)::disconnect),
                        new Subcommand(
                                "me",
                                "Show your profile at the OAuth2 provider",
                                EVERYONE,
                                Map.of(
                                        "acting_user", "summary",
                                        "acting_user_access_token", "all",
                                        "oauth2_app", "all",
                                        "oauth2_user", "all"),
                                BLOCKS,
                                reseal.before(new ShowProfile(provider, stores, lock, audit, clock, appId)::show)),
                        new Subcommand(
                                "configure",
                                "Set the OAuth2 client for this Mattermost server",
                                "",
                                SYSTEM_ADMINS,
                                Map.of("acting_user", "summary", "acting_user_access_token", "all"),
                                List.of(
                                        FormField.text(
                                                ConfigureOAuth2Client.CLIENT_ID, "client-id", "OAuth2 client ID", 1),
                                        FormField.password(
                                                ConfigureOAuth2Client.CLIENT_SECRET,
                                                "client-secret",
                                                "OAuth2 client secret",
                                                2)),
                                BLOCKS,
                                new ConfigureOAuth2Client(provider, stores, audit, clock, appId)::configure)),
                Map.of(
                        Hook.PING,
                        // Mattermost pings with the new secret at install time: a wrong secret fails the install.
                        new Route(AppCall.to("/ping"), COMPUTES, call -> new CallOutcome.Ok(null)),
                        Hook.ON_INSTALL,
                        // app: summary carries the bot user id; the admin who installs is the acting user
                        new Route(
                                AppCall.to("/install", Map.of("app", "summary", "acting_user", "id")),
                                BLOCKS,
                                new RecordInstall(installations, audit, tx, clock)::record),
                        Hook.ON_UNINSTALL,
                        new Route(
                                AppCall.to("/uninstall", Map.of("acting_user", "id")),
                                BLOCKS,
                                new RecordUninstall(installations, audit, tx, clock)::record),
                        // A manifest expand replaces the plugin's default instead of merging into it (PROTOCOL.md
                        // §1), so each OAuth2 hook lists the client, its URLs and the user's session.
                        Hook.GET_OAUTH2_CONNECT_URL,
                        new Route(
                                AppCall.to(
                                        "/oauth2/connect",
                                        Map.of(
                                                "acting_user", "summary",
                                                "acting_user_access_token", "all",
                                                "oauth2_app", "all")),
                                BLOCKS,
                                reseal.before(new StartOAuth2(provider, appId)::start)),
                        Hook.ON_OAUTH2_COMPLETE,
                        new Route(
                                AppCall.to(
                                        "/oauth2/complete",
                                        Map.of(
                                                "acting_user", "summary",
                                                "acting_user_access_token", "all",
                                                "oauth2_app", "all",
                                                "oauth2_user", "all")),
                                BLOCKS,
                                reseal.before(new CompleteOAuth2(provider, stores, audit, clock, appId)::complete))));

        // The slash-command ingress: the same catalog, expanded from Gatehouse's own storage.
        GatehouseLinks links = new GatehouseLinks(settings.publicUrl());
        SlashCalls slashCalls =
                new SlashCalls(mattermost, ports.gatehouseOAuth2Store(), ports.signedStates(), links, clock);
        authenticateSlashCommand = new AuthenticateSlashCommand(installations, rateLimits);
        runSlashCommand =
                new RunSlashCommand(catalog, slashCalls, mattermost, ports.signedStates(), links, audit, clock);
        submitDialog = new SubmitDialog(installations, catalog, slashCalls, ports.signedStates(), clock, rateLimits);
        followOAuth2Link = new FollowOAuth2Link(
                installations, catalog, slashCalls, ports.signedStates(), ports.stateNonces(), clock);
        Changes changes = new Changes(installations, audit, tx, clock);
        provisionSlashCommands =
                new ProvisionSlashCommands(installations, ports.provisioning(), changes, audit, links, appId, clock);
        slashCommandSetup = new SlashCommandSetup(installations, mattermost, changes);
        consoleSignIn = new ConsoleSignIn(ports.consoleSignInLinks(), audit, clock);
    }

    public ConsoleSignIn consoleSignIn() {
        return consoleSignIn;
    }

    public RegisterInstallation registerInstallation() {
        return registerInstallation;
    }

    public FindInstallations findInstallations() {
        return findInstallations;
    }

    public ChangeInstallation changeInstallation() {
        return changeInstallation;
    }

    public RotateSecret rotateSecret() {
        return rotateSecret;
    }

    public SetSecret setSecret() {
        return setSecret;
    }

    public DeleteInstallation deleteInstallation() {
        return deleteInstallation;
    }

    public ReadAuditLog readAuditLog() {
        return readAuditLog;
    }

    public AuthenticateCall authenticateCall() {
        return authenticateCall;
    }

    public RecordRejection recordRejection() {
        return recordRejection;
    }

    public ProvisionSlashCommands provisionSlashCommands() {
        return provisionSlashCommands;
    }

    public SlashCommandSetup slashCommandSetup() {
        return slashCommandSetup;
    }

    public AuthenticateSlashCommand authenticateSlashCommand() {
        return authenticateSlashCommand;
    }

    public RunSlashCommand runSlashCommand() {
        return runSlashCommand;
    }

    public SubmitDialog submitDialog() {
        return submitDialog;
    }

    public FollowOAuth2Link followOAuth2Link() {
        return followOAuth2Link;
    }

    /** The Mattermost-facing calls: subcommands and hooks, each with its use case. */
    public CommandCatalog catalog() {
        return catalog;
    }
}
