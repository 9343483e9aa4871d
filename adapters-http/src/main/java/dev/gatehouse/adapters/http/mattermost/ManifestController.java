package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.Installations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The public, unsigned part of an installation: its manifest and the app icon (Mattermost fetches both without a
 * token, PROTOCOL.md §1, §7). An unknown id is a 404. A <em>disabled</em> installation still serves both: they
 * hold nothing secret, Mattermost keeps proxying the icon to its clients, and every call is refused with 403 while
 * disabled, so re-enabling needs no change on the Mattermost side.
 */
@Controller(CallRoutes.PREFIX + "{id}")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(BlockingExecutor.NAME)
final class ManifestController {

    static final MediaType PNG = MediaType.of("image/png");

    private final Installations installations;
    private final MattermostApp app;
    private final CommandCatalog catalog;
    private final byte[] icon;

    ManifestController(Installations installations, MattermostApp app, UseCases useCases) {
        this.installations = installations;
        this.app = app;
        this.catalog = useCases.catalog();
        this.icon = readIcon();
    }

    @Get(uri = "/manifest.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> manifest(@PathVariable String id) {
        return find(id).<HttpResponse<?>>map(installation -> HttpResponse.ok(app.manifest(installation.id(), catalog)))
                .orElseGet(ManifestController::notFound);
    }

    @Get(uri = "/static/icon.png", produces = "image/png")
    HttpResponse<?> icon(@PathVariable String id) {
        return find(id).<HttpResponse<?>>map(
                        installation -> HttpResponse.ok(icon).contentType(PNG))
                .orElseGet(ManifestController::notFound);
    }

    private Optional<Installation> find(String id) {
        return InstallationId.tryParse(id).flatMap(installations::findById);
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(CallResponseJson.error(RejectionReason.INSTALLATION_UNKNOWN.text()));
    }

    private static byte[] readIcon() {
        try (InputStream in = ManifestController.class.getResourceAsStream("icon.png")) {
            if (in == null) {
                throw new IllegalStateException("icon.png is missing from the adapters-http jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
