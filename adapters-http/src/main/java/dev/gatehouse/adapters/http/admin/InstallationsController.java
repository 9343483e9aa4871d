package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.error.ErrorResponses;
import dev.gatehouse.adapters.http.security.AdminRoles;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.installation.ChangeInstallation;
import dev.gatehouse.application.installation.ChangeResult;
import dev.gatehouse.application.installation.DeleteInstallation;
import dev.gatehouse.application.installation.FindInstallations;
import dev.gatehouse.application.installation.RegisterInstallation;
import dev.gatehouse.application.installation.RotateSecret;
import dev.gatehouse.application.installation.SetSecret;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.installation.Secret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's installation API (DESIGN.md "Admin API"). Use cases reach the database: blocking executor. */
@Controller("/admin/installations")
@Secured(AdminRoles.ADMIN)
@ExecuteOn(BlockingExecutor.NAME)
public final class InstallationsController {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationsController.class);

    private final RegisterInstallation register;
    private final FindInstallations find;
    private final ChangeInstallation change;
    private final RotateSecret rotate;
    private final SetSecret setSecret;
    private final DeleteInstallation delete;
    private final PublicUrl publicUrl;
    private final ErrorResponses errors;
    private final ChangeResultResponse responses;

    InstallationsController(
            UseCases useCases, PublicUrl publicUrl, ErrorResponses errors, ChangeResultResponse responses) {
        this.register = useCases.registerInstallation();
        this.find = useCases.findInstallations();
        this.change = useCases.changeInstallation();
        this.rotate = useCases.rotateSecret();
        this.setSecret = useCases.setSecret();
        this.delete = useCases.deleteInstallation();
        this.publicUrl = publicUrl;
        this.errors = errors;
        this.responses = responses;
    }

    @Post
    HttpResponse<?> create(HttpRequest<?> request, Authentication admin, @Body JsonNode body) {
        RegisterInstallation.Result result =
                register.register(CreateInstallationJson.parse(body).toCommand(actor(admin)));
        if (result instanceof RegisterInstallation.Result.Registered registered) {
            Installation installation = registered.installation();
            LOG.info(
                    "installation {} registered for {} by {}", installation.id(), installation.siteUrl(), actor(admin));
            return HttpResponse.created(
                    new SecretIssuedJson(
                            InstallationJson.of(installation, publicUrl),
                            registered.secret().value()),
                    URI.create("/admin/installations/" + installation.id()));
        }
        if (result instanceof RegisterInstallation.Result.DuplicateSiteUrl duplicate) {
            return errors.of(
                    request,
                    HttpStatus.CONFLICT,
                    "site_url " + duplicate.siteUrl()
                            + " is already registered, possibly under the other scheme (one installation per Mattermost server); change or delete that one");
        }
        throw new IllegalStateException(
                "unmapped register result " + result.getClass().getName());
    }

    @Get("{?page,size}")
    InstallationPageJson list(@Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
        Page<Installation> found =
                find.page(page == null ? 0 : page, size == null ? FindInstallations.DEFAULT_PAGE_SIZE : size);
        return new InstallationPageJson(
                found.items().stream()
                        .map(i -> InstallationJson.of(i, publicUrl))
                        .toList(),
                found.page(),
                found.size(),
                found.total());
    }

    @Get("/{id}")
    HttpResponse<?> get(HttpRequest<?> request, @PathVariable String id) {
        InstallationId installationId = InstallationId.parse(id);
        return find.byId(installationId)
                .<HttpResponse<?>>map(i -> HttpResponse.ok(InstallationJson.of(i, publicUrl)))
                .orElseGet(() -> responses.of(request, new ChangeResult.NotFound(installationId)));
    }

    @Patch("/{id}")
    HttpResponse<?> change(HttpRequest<?> request, Authentication admin, @PathVariable String id, @Body JsonNode body) {
        InstallationId installationId = InstallationId.parse(id);
        ChangeResult result = change.change(InstallationPatchJson.parse(body).toCommand(actor(admin), installationId));
        LOG.info(
                "installation {} change by {}: {}",
                installationId,
                actor(admin),
                result.getClass().getSimpleName());
        return responses.of(request, result);
    }

    @Post("/{id}/secret/rotate")
    HttpResponse<?> rotate(
            HttpRequest<?> request, Authentication admin, @PathVariable String id, @Nullable @Body JsonNode body) {
        InstallationId installationId = InstallationId.parse(id);
        Duration grace = RotateSecretJson.parse(body).grace();
        ChangeResult result = rotate.rotate(actor(admin), installationId, grace);
        LOG.info(
                "installation {} secret rotation by {} (grace {}s): {}",
                installationId,
                actor(admin),
                grace.toSeconds(),
                result.getClass().getSimpleName());
        return responses.of(request, result);
    }

    @Put("/{id}/secret")
    HttpResponse<?> setSecret(
            HttpRequest<?> request, Authentication admin, @PathVariable String id, @Body JsonNode body) {
        InstallationId installationId = InstallationId.parse(id);
        ChangeResult result = setSecret.set(
                actor(admin),
                installationId,
                new Secret(SetSecretJson.parse(body).secret()));
        LOG.info(
                "installation {} secret set by {}: {}",
                installationId,
                actor(admin),
                result.getClass().getSimpleName());
        return responses.of(request, result);
    }

    @Delete("/{id}")
    HttpResponse<?> delete(HttpRequest<?> request, Authentication admin, @PathVariable String id) {
        InstallationId installationId = InstallationId.parse(id);
        ChangeResult result = delete.delete(actor(admin), installationId);
        LOG.info(
                "installation {} delete by {}: {}",
                installationId,
                actor(admin),
                result.getClass().getSimpleName());
        return responses.of(request, result);
    }

    static String actor(Authentication admin) {
        return "admin:" + admin.getName();
    }
}
