package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.BlockingExecutor;
import dev.gatehouse.adapters.http.HtmlPage;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.slash.FollowOAuth2Link;
import dev.gatehouse.application.slash.LinkAnswer;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;

/**
 * The OAuth2 links of the slash-command ingress, opened by the user's browser (CLASSIC.md §2): {@code start} redirects
 * to the provider, {@code callback} is where the provider sends the browser back. Only the signed state authenticates
 * them ({@link FollowOAuth2Link}); a refused one gets a page saying the link is invalid, expired or used.
 */
@Controller("/i/{id}/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(BlockingExecutor.NAME)
final class OAuth2LinkController {

    private final FollowOAuth2Link links;
    private final CallRejections rejections;
    private final CallMetrics metrics;

    OAuth2LinkController(UseCases useCases, CallRejections rejections, CallMetrics metrics) {
        this.links = useCases.followOAuth2Link();
        this.rejections = rejections;
        this.metrics = metrics;
    }

    @Get("/start{?state}")
    HttpResponse<?> start(@PathVariable String id, HttpRequest<?> request, @Nullable @QueryValue String state) {
        CallMetrics.arrived(request);
        return answer(request, id, "/oauth2/start", links.start(id, state));
    }

    @Get("/callback{?state,code,error}")
    HttpResponse<?> callback(
            @PathVariable String id,
            HttpRequest<?> request,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String code,
            @Nullable @QueryValue String error) {
        CallMetrics.arrived(request);
        return answer(request, id, "/oauth2/callback", links.callback(id, state, code, error));
    }

    private HttpResponse<?> answer(HttpRequest<?> request, String id, String route, Admission<LinkAnswer> answer) {
        if (answer instanceof Admission.Refused<LinkAnswer> refused) {
            RejectionReason reason = refused.reason();
            rejections.record(request, InstallationId.tryParse(id).orElse(null), reason, Ingress.SLASH_COMMAND, route);
            String title = reason == RejectionReason.STATE_USED
                    ? "Link already used"
                    : reason == RejectionReason.INSTALLATION_UNKNOWN ? "Unknown link" : "Link invalid or expired";
            return HtmlPage.of(CallRejections.status(reason), title, upperFirst(reason.text()) + ".");
        }
        LinkAnswer answered = ((Admission.Admitted<LinkAnswer>) answer).value();
        if (answered instanceof LinkAnswer.Redirect redirect) {
            metrics.call(request, Ingress.SLASH_COMMAND, route, "ok");
            return HtmlPage.secured(HttpResponse.status(HttpStatus.FOUND)
                    .header("Location", URI.create(redirect.url()).toString()));
        }
        if (answered instanceof LinkAnswer.Page page) {
            metrics.call(request, Ingress.SLASH_COMMAND, route, page.succeeded() ? "ok" : "error");
            String title = page.succeeded() ? "Connected" : "Not connected";
            String text = page.succeeded() ? page.text() + " You can close this tab." : page.text();
            return HtmlPage.of(HttpStatus.OK, title, text);
        }
        throw new IllegalStateException("unmapped link answer " + answered);
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
