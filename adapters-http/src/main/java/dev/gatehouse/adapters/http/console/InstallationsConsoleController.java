package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.audit.ReadAuditLog;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.installation.DeleteInstallation;
import dev.gatehouse.application.installation.FindInstallations;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.application.installation.SetSecret;
import dev.gatehouse.application.slash.ProvisionSlashCommands;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's installation pages and actions, over the same use cases as the admin API and the CLI: the core checks
 * every value, and its refusals are shown next to the field they name. Every action is audited by the use case with
 * the signed-in operator as actor; a new secret travels to its page in {@link SecretFlash}, never in a URL.
 */
@Controller(ConsolePaths.ROOT + "/installations")
@ExecuteOn(BlockingExecutor.NAME)
final class InstallationsConsoleController {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationsConsoleController.class);
    static final int PAGE_SIZE = 50;
    private static final int AUDIT_LINES = 20;
    private static final List<String> REGISTER_FIELDS = List.of("name", "site_url", "api_url");

    private final RegisterInstallation register;
    private final FindInstallations find;
    private final ChangeInstallation change;
    private final RotateSecret rotate;
    private final SetSecret setSecret;
    private final DeleteInstallation delete;
    private final ProvisionSlashCommands provision;
    private final ReadAuditLog audit;
    private final PublicUrl publicUrl;
    private final ConsolePages pages;
    private final SecretFlash flash;
    private final Clock clock;

    InstallationsConsoleController(
            UseCases useCases, PublicUrl publicUrl, ConsolePages pages, SecretFlash flash, Clock clock) {
        this.register = useCases.registerInstallation();
        this.find = useCases.findInstallations();
        this.change = useCases.changeInstallation();
        this.rotate = useCases.rotateSecret();
        this.setSecret = useCases.setSecret();
        this.delete = useCases.deleteInstallation();
        this.provision = useCases.provisionSlashCommands();
        this.audit = useCases.readAuditLog();
        this.publicUrl = publicUrl;
        this.pages = pages;
        this.flash = flash;
        this.clock = clock;
    }

    @Get("{?q,page}")
    HttpResponse<?> list(ConsoleSession session, @Nullable @QueryValue String q, @Nullable @QueryValue Integer page) {
        String query = q == null ? "" : q.strip();
        int wanted = page == null || page < 0 ? 0 : page;
        Page<Installation> found = find.search(query, wanted, PAGE_SIZE);
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return this.pages.page(
                HttpStatus.OK,
                "installations",
                new InstallationsPage(
                        session,
                        query,
                        found.items().stream()
                                .map(i -> InstallationView.of(i, publicUrl, clock.instant()))
                                .toList(),
                        wanted,
                        pages,
                        found.total()));
    }

    @Get("/new")
    HttpResponse<?> registerForm(ConsoleSession session) {
        return pages.page(HttpStatus.OK, "register", new RegisterPage(session, Map.of(), Map.of()));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> register(ConsoleSession session, @Body Map<String, String> body) {
        ConsoleForm form = ConsoleForm.checked(session, body);
        Map<String, String> typed =
                Map.of("name", form.get("name"), "site_url", form.get("site_url"), "api_url", form.get("api_url"));
        RegisterInstallation.Result result;
        try {
            result = register.register(new RegisterInstallation.Command(
                    session.actor(),
                    form.get("name"),
                    form.get("site_url"),
                    form.get("api_url").isEmpty() ? null : form.get("api_url")));
        } catch (IllegalArgumentException e) {
            return pages.page(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "register",
                    new RegisterPage(session, typed, FieldErrors.of(e.getMessage(), REGISTER_FIELDS)));
        }
        if (result instanceof RegisterInstallation.Result.Registered registered) {
            InstallationId id = registered.installation().id();
            LOG.info(
                    "installation {} registered for {} by {}",
                    id,
                    registered.installation().siteUrl(),
                    session.actor());
            return HttpResponse.seeOther(detail(id))
                    .cookie(flash.hold(session, id, registered.secret().value(), "registered"));
        }
        if (result instanceof RegisterInstallation.Result.DuplicateSiteUrl duplicate) {
            return pages.page(
                    HttpStatus.CONFLICT,
                    "register",
                    new RegisterPage(
                            session,
                            typed,
                            FieldErrors.of(
                                    "site_url",
                                    "site_url " + duplicate.siteUrl() + " is already registered, possibly under the"
                                            + " other scheme (one installation per Mattermost server)")));
        }
        throw new IllegalStateException(
                "unmapped register result " + result.getClass().getName());
    }

    @Get("/{id}")
    HttpResponse<?> show(HttpRequest<?> request, ConsoleSession session, @PathVariable String id) {
        InstallationId installationId = InstallationId.parse(id, "installation id");
        Optional<SecretFlash.Shown> secret = flash.take(request, session, installationId);
        return detailPage(HttpStatus.OK, session, installationId, secret.orElse(null), null, Map.of())
                .cookie(flash.cleared());
    }

    @Post("/{id}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(ConsoleSession session, @PathVariable String id, @Body Map<String, String> body) {
        ConsoleForm form = ConsoleForm.checked(session, body);
        InstallationId installationId = InstallationId.parse(id, "installation id");
        InstallationStatus status;
        try {
            status = InstallationStatus.valueOf(form.get("status").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return detailPage(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    session,
                    installationId,
                    null,
                    null,
                    FieldErrors.of("status", "status must be active or disabled"));
        }
        return outcome(
                session,
                installationId,
                change.change(new ChangeInstallation.Command(
                        session.actor(), installationId, Optional.empty(), Optional.of(status), Optional.empty())),
                "status");
    }

    @Post("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rotate(ConsoleSession session, @PathVariable String id, @Body Map<String, String> body) {
        ConsoleForm form = ConsoleForm.checked(session, body);
        InstallationId installationId = InstallationId.parse(id, "installation id");
        ChangeResult result;
        try {
            long seconds = Long.parseLong(form.get("grace_seconds"));
            result = rotate.rotate(session.actor(), installationId, Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return fieldError(session, installationId, "grace_seconds", "grace_seconds must be a whole number");
        } catch (IllegalArgumentException e) {
            return fieldError(session, installationId, "grace_seconds", e.getMessage());
        }
        return outcome(session, installationId, result, "grace_seconds");
    }

    @Post("/{id}/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> setSecret(ConsoleSession session, @PathVariable String id, @Body Map<String, String> body) {
        ConsoleForm form = ConsoleForm.checked(session, body);
        InstallationId installationId = InstallationId.parse(id, "installation id");
        ChangeResult result;
        try {
            result = setSecret.set(session.actor(), installationId, new Secret(form.get("secret")));
        } catch (IllegalArgumentException e) {
            return fieldError(session, installationId, "secret", e.getMessage());
        }
        return outcome(session, installationId, result, "secret");
    }

    @Post("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(ConsoleSession session, @PathVariable String id, @Body Map<String, String> body) {
        ConsoleForm form = ConsoleForm.checked(session, body);
        InstallationId installationId = InstallationId.parse(id, "installation id");
        Optional<Installation> installation = find.byId(installationId);
        if (installation.isEmpty()) {
            return notFound(session, installationId);
        }
        // A confirmation of the console's, not a rule of the core: the operator types the name they mean to delete.
        if (!installation.get().name().equals(form.fields().getOrDefault("confirm_name", ""))) {
            return fieldError(
                    session,
                    installationId,
                    "confirm_name",
                    "type the installation's name exactly to confirm; nothing was deleted");
        }
        return outcome(session, installationId, delete.delete(session.actor(), installationId), "confirm_name");
    }

    @Post("/{id}/provision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> provision(ConsoleSession session, @PathVariable String id, @Body Map<String, String> body) {
        ConsoleForm form = ConsoleForm.checked(session, body);
        InstallationId installationId = InstallationId.parse(id, "installation id");
        List<String> teams = Arrays.stream(form.get("teams").split("[,\\s]+"))
                .filter(t -> !t.isBlank())
                .toList();
        ProvisionSlashCommands.Result result;
        try {
            result = provision.provision(new ProvisionSlashCommands.Command(
                    session.actor(),
                    installationId,
                    form.get("mattermost_token"),
                    teams,
                    form.isChecked("enable_settings")));
        } catch (IllegalArgumentException e) {
            return fieldError(session, installationId, "mattermost_token", e.getMessage());
        }
        if (result instanceof ProvisionSlashCommands.Result.Provisioned provisioned) {
            String notice = "Provisioned: bot " + provisioned.botUserId() + "; "
                    + String.join(
                            ", ",
                            provisioned.teams().stream()
                                    .map(t -> "team " + t.team().name() + ": "
                                            + t.outcome().name().toLowerCase(java.util.Locale.ROOT))
                                    .toList());
            return detailPage(HttpStatus.OK, session, installationId, null, notice, Map.of());
        }
        if (result instanceof ProvisionSlashCommands.Result.NotProvisioned not) {
            return outcome(session, installationId, not.why(), "mattermost_token");
        }
        throw new IllegalStateException(
                "unmapped provision result " + result.getClass().getName());
    }

    /** What each outcome of a change looks like in the console; {@code field}: where a refusal is shown. */
    private HttpResponse<?> outcome(ConsoleSession session, InstallationId id, ChangeResult result, String field) {
        LOG.info(
                "installation {} console action by {}: {}",
                id,
                session.actor(),
                result.getClass().getSimpleName());
        if (result instanceof ChangeResult.Changed) {
            return HttpResponse.seeOther(detail(id));
        }
        if (result instanceof ChangeResult.SecretIssued issued) {
            return HttpResponse.seeOther(detail(id))
                    .cookie(flash.hold(session, id, issued.secret().value(), "rotated"));
        }
        if (result instanceof ChangeResult.Deleted) {
            return HttpResponse.seeOther(URI.create(ConsolePaths.ROOT + "/installations"));
        }
        if (result instanceof ChangeResult.NotFound) {
            return notFound(session, id);
        }
        if (result instanceof ChangeResult.Conflict) {
            return fieldError(
                    session,
                    id,
                    field,
                    "someone else changed this installation at the same time; nothing was applied: check and retry");
        }
        if (result instanceof ChangeResult.WeakSecretRefused) {
            return fieldError(
                    session,
                    id,
                    field,
                    "secret must be at least " + Secret.STRONG_LENGTH
                            + " characters (weak secrets are refused unless gatehouse.secrets.allow-weak is on)");
        }
        if (result instanceof ChangeResult.Refused refused) {
            return fieldError(session, id, field, refused.detail());
        }
        if (result instanceof ChangeResult.MattermostFailed failed) {
            return fieldError(session, id, field, failed.detail());
        }
        throw new IllegalStateException(
                "unmapped change result " + result.getClass().getName());
    }

    private MutableHttpResponse<?> fieldError(ConsoleSession session, InstallationId id, String field, String message) {
        return detailPage(HttpStatus.UNPROCESSABLE_ENTITY, session, id, null, null, FieldErrors.of(field, message));
    }

    private MutableHttpResponse<?> detailPage(
            HttpStatus status,
            ConsoleSession session,
            InstallationId id,
            @Nullable SecretFlash.Shown secret,
            @Nullable String notice,
            Map<String, String> errors) {
        Optional<Installation> installation = find.byId(id);
        if (installation.isEmpty()) {
            return notFound(session, id);
        }
        return pages.page(
                status,
                "installation",
                new InstallationPage(
                        session,
                        InstallationView.of(installation.get(), publicUrl, clock.instant()),
                        secret == null ? null : secret.secret(),
                        secret == null ? null : secret.reason(),
                        notice,
                        new HashMap<>(errors),
                        audit.read(id, null, AUDIT_LINES).stream()
                                .map(AuditLine::of)
                                .toList()));
    }

    private MutableHttpResponse<?> notFound(ConsoleSession session, InstallationId id) {
        return pages.message(
                HttpStatus.NOT_FOUND, session, "Not found", "There is no installation with id " + id + ".");
    }

    private static URI detail(InstallationId id) {
        return URI.create(ConsolePaths.ROOT + "/installations/" + id);
    }
}
