package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.PublicUrl;
import dev.gatehouse.adapters.http.security.AdminRoles;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.slash.ProvisionSlashCommands;
import dev.gatehouse.application.slash.SlashCommandSetup;
import dev.gatehouse.domain.installation.BotToken;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of the slash-command ingress (CLASSIC.md §3): provision a server in one step, or adopt (and
 * forget) a bot token or a team's command token made by hand. Tokens come in bodies only and never go out.
 */
@Controller("/admin/installations/{id}")
@Secured(AdminRoles.ADMIN)
@ExecuteOn(BlockingExecutor.NAME)
final class SlashCommandsController {

    private static final Logger LOG = LoggerFactory.getLogger(SlashCommandsController.class);

    private final ProvisionSlashCommands provision;
    private final SlashCommandSetup setup;
    private final PublicUrl publicUrl;
    private final ChangeResultResponse responses;

    SlashCommandsController(UseCases useCases, PublicUrl publicUrl, ChangeResultResponse responses) {
        this.provision = useCases.provisionSlashCommands();
        this.setup = useCases.slashCommandSetup();
        this.publicUrl = publicUrl;
        this.responses = responses;
    }

    @Post("/provision")
    HttpResponse<?> provision(
            HttpRequest<?> request, Authentication admin, @PathVariable String id, @Nullable @Body JsonNode body) {
        InstallationId installationId = InstallationId.parse(id);
        ProvisionJson json = ProvisionJson.parse(body);
        ProvisionSlashCommands.Result result = provision.provision(new ProvisionSlashCommands.Command(
                InstallationsController.actor(admin),
                installationId,
                json.mattermostToken(),
                json.teams(),
                json.enableSettings()));
        LOG.info(
                "installation {} provisioned by {}: {}",
                installationId,
                InstallationsController.actor(admin),
                result.getClass().getSimpleName());
        if (result instanceof ProvisionSlashCommands.Result.Provisioned provisioned) {
            return HttpResponse.ok(
                    ProvisionedJson.of(provisioned, InstallationJson.of(provisioned.installation(), publicUrl)));
        }
        if (result instanceof ProvisionSlashCommands.Result.NotProvisioned not) {
            return responses.of(request, not.why());
        }
        throw new IllegalStateException("unmapped provision result " + result);
    }

    @Put("/bot")
    HttpResponse<?> adoptBot(
            HttpRequest<?> request, Authentication admin, @PathVariable String id, @Nullable @Body JsonNode body) {
        InstallationId installationId = InstallationId.parse(id);
        BotToken token = new BotToken(TokenJson.parse(body).token().strip());
        return responses.of(request, setup.adoptBot(InstallationsController.actor(admin), installationId, token));
    }

    @Delete("/bot")
    HttpResponse<?> forgetBot(HttpRequest<?> request, Authentication admin, @PathVariable String id) {
        return responses.of(request, setup.forgetBot(InstallationsController.actor(admin), InstallationId.parse(id)));
    }

    @Put("/commands/{teamId}")
    HttpResponse<?> adoptCommand(
            HttpRequest<?> request,
            Authentication admin,
            @PathVariable String id,
            @PathVariable String teamId,
            @Nullable @Body JsonNode body) {
        InstallationId installationId = InstallationId.parse(id);
        String token = TokenJson.parse(body).token();
        return responses.of(
                request, setup.adoptSlashCommand(InstallationsController.actor(admin), installationId, teamId, token));
    }

    @Delete("/commands/{teamId}")
    HttpResponse<?> forgetCommand(
            HttpRequest<?> request, Authentication admin, @PathVariable String id, @PathVariable String teamId) {
        return responses.of(
                request,
                setup.forgetSlashCommand(InstallationsController.actor(admin), InstallationId.parse(id), teamId));
    }
}
