package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.slash.DialogAnswer;
import dev.gatehouse.application.slash.SubmitDialog;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.util.Map;

/**
 * Dialog submissions of the slash-command ingress (CLASSIC.md §2 {@code /i/{id}/dialog}). Mattermost sends no token:
 * the signed state is checked by {@link SubmitDialog}. Answers are HTTP 200 — {@code {}} closes the dialog,
 * {@code {"errors": …}} or {@code {"error": …}} keep it open; a refused state is 401 with {@code {"error": …}}.
 */
@Controller("/i/{id}/dialog")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
@ExecuteOn(BlockingExecutor.NAME)
final class DialogController {

    static final String ROUTE = "/dialog";
    private static final Argument<DialogSubmissionJson> SUBMISSION = Argument.of(DialogSubmissionJson.class);

    private final SubmitDialog submitDialog;
    private final JsonMapper json;
    private final CallRejections rejections;
    private final CallMetrics metrics;

    DialogController(UseCases useCases, JsonMapper json, CallRejections rejections, CallMetrics metrics) {
        this.submitDialog = useCases.submitDialog();
        this.json = json;
        this.rejections = rejections;
        this.metrics = metrics;
    }

    @Post
    HttpResponse<Map<String, Object>> submit(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        CallMetrics.arrived(request);
        DialogSubmissionJson submission;
        try {
            submission = body == null || body.length == 0 ? null : json.readValue(body, SUBMISSION);
        } catch (IOException | RuntimeException malformed) {
            submission = null;
        }
        if (submission == null) {
            return refuse(request, id, RejectionReason.BODY_MALFORMED);
        }
        Admission<DialogAnswer> answer = submitDialog.submit(submission.toSubmission(id));
        if (answer instanceof Admission.Refused<DialogAnswer> refused) {
            return refuse(request, id, refused.reason());
        }
        DialogAnswer answered = ((Admission.Admitted<DialogAnswer>) answer).value();
        metrics.call(request, Ingress.SLASH_COMMAND, ROUTE, answered instanceof DialogAnswer.Closed ? "ok" : "error");
        return HttpResponse.ok(body(answered));
    }

    private static Map<String, Object> body(DialogAnswer answer) {
        if (answer instanceof DialogAnswer.Closed) {
            return Map.of();
        }
        if (answer instanceof DialogAnswer.FieldErrors errors) {
            return Map.of("errors", errors.errors());
        }
        if (answer instanceof DialogAnswer.Error error) {
            return Map.of("error", error.text());
        }
        throw new IllegalStateException("unmapped dialog answer " + answer);
    }

    private HttpResponse<Map<String, Object>> refuse(HttpRequest<?> request, String id, RejectionReason reason) {
        rejections.record(request, InstallationId.tryParse(id).orElse(null), reason, Ingress.SLASH_COMMAND, ROUTE);
        return CallRejections.classicResponse(reason, Map.<String, Object>of("error", reason.text()));
    }
}
