package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.slash.AuthenticateSlashCommand;
import dev.gatehouse.application.slash.RunSlashCommand;
import dev.gatehouse.application.slash.SlashCommandRequest;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.value.ConvertibleMultiValues;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * {@code /<app id> …} from a Mattermost server without the Apps framework (CLASSIC.md §2): Mattermost posts the command
 * as a form (method "P") or sends its fields in the query (method "G"). The command's token authenticates it — with
 * the installation in this replica's memory, on the event loop; a subcommand that only computes is answered there
 * too, anything else on the blocking executor. Every answer is HTTP 200 with an ephemeral text; a refusal is its
 * status with the same JSON shape saying why, never echoing the token.
 */
@Controller("/i/{id}/command")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.APPLICATION_JSON)
final class SlashCommandController {

    static final String ROUTE = "/command";

    /** The form fields {@link #command} reads; the others (URLs, names) are never decoded. */
    private static final Set<String> FIELDS =
            Set.of("token", "team_id", "channel_id", "user_id", "user_name", "text", "trigger_id");

    private final AuthenticateSlashCommand authenticate;
    private final RunSlashCommand run;
    private final CallRejections rejections;
    private final CallMetrics metrics;
    private final BlockingWork blocking;
    private final LargeBodies largeBodies;

    SlashCommandController(
            UseCases useCases,
            CallRejections rejections,
            CallMetrics metrics,
            BlockingWork blocking,
            LargeBodies largeBodies) {
        this.authenticate = useCases.authenticateSlashCommand();
        this.run = useCases.runSlashCommand();
        this.rejections = rejections;
        this.metrics = metrics;
        this.blocking = blocking;
        this.largeBodies = largeBodies;
    }

    /** The form is read here rather than bound by the framework: ten short fields, on the hottest route. */
    @Post
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    Mono<HttpResponse<SlashCommandResponseJson>> post(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body != null && body.length > CallController.MAX_BODY_BYTES) {
            CallMetrics.arrived(request);
            return Mono.just(refuse(request, RejectionReason.BODY_TOO_LARGE));
        }
        if (LargeBodies.isLarge(body)) {
            return largeBodies
                    .run(() -> command(id, request, FormFields.parse(body, FIELDS)::get))
                    .flatMap(command -> answer(request, command));
        }
        Map<String, String> fields = FormFields.parse(body, FIELDS);
        return answer(request, command(id, request, fields::get));
    }

    @Get
    Mono<HttpResponse<SlashCommandResponseJson>> get(@PathVariable String id, HttpRequest<?> request) {
        ConvertibleMultiValues<String> query = request.getParameters();
        return answer(request, command(id, request, name -> query.get(name)));
    }

    private static SlashCommandRequest command(String id, HttpRequest<?> request, Function<String, String> field) {
        return new SlashCommandRequest(
                id,
                request.getHeaders().get(HttpHeaders.AUTHORIZATION),
                field.apply("token"),
                field.apply("team_id"),
                field.apply("channel_id"),
                field.apply("user_id"),
                field.apply("user_name"),
                field.apply("text"),
                field.apply("trigger_id"));
    }

    private Mono<HttpResponse<SlashCommandResponseJson>> answer(HttpRequest<?> request, SlashCommandRequest command) {
        CallMetrics.arrived(request);
        Optional<Admission<Installation>> inMemory = authenticate.authenticateWithoutBlocking(command);
        if (inMemory.isPresent()
                && !(inMemory.get() instanceof Admission.Admitted<Installation> && run.blocks(command))) {
            return Mono.just(decide(request, command, inMemory.get()));
        }
        return blocking.run(
                () -> decide(request, command, inMemory.orElseGet(() -> authenticate.authenticate(command))));
    }

    private HttpResponse<SlashCommandResponseJson> decide(
            HttpRequest<?> request, SlashCommandRequest command, Admission<Installation> admission) {
        if (admission instanceof Admission.Refused<Installation> refused) {
            return refuse(request, refused.reason());
        }
        if (admission instanceof Admission.Admitted<Installation> admitted) {
            Installation installation = admitted.value();
            try (var mdc = CallRoutes.mdc(installation.id())) {
                String text;
                try {
                    text = run.run(installation, command);
                } catch (RuntimeException e) {
                    metrics.call(request, Ingress.SLASH_COMMAND, ROUTE, "failed");
                    throw e;
                }
                metrics.call(request, Ingress.SLASH_COMMAND, ROUTE, "ok");
                return HttpResponse.ok(SlashCommandResponseJson.ephemeral(text));
            }
        }
        throw new IllegalStateException("unmapped admission " + admission);
    }

    private HttpResponse<SlashCommandResponseJson> refuse(HttpRequest<?> request, RejectionReason reason) {
        InstallationId installationId = InstallationId.tryParse(CallRoutes.installationSegment(request.getPath()))
                .orElse(null);
        rejections.record(request, installationId, reason, Ingress.SLASH_COMMAND, ROUTE);
        return CallRejections.classicResponse(reason, SlashCommandResponseJson.ephemeral(reason.text()));
    }
}
