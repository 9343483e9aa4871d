package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.call.DescribeInstallation;
import dev.gatehouse.application.call.ListBindings;
import dev.gatehouse.application.call.RecordInstall;
import dev.gatehouse.application.call.RecordUninstall;
import dev.gatehouse.application.call.SendGreeting;
import dev.gatehouse.application.oauth2.CompleteOAuth2;
import dev.gatehouse.application.oauth2.ConfigureOAuth2Client;
import dev.gatehouse.application.oauth2.Disconnect;
import dev.gatehouse.application.oauth2.ShowConnectLink;
import dev.gatehouse.application.oauth2.ShowProfile;
import dev.gatehouse.application.oauth2.StartOAuth2;
import dev.gatehouse.domain.call.CallOutcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The calls Mattermost posts to an installation's {@code root_url}. Authentication is not micronaut-security's:
 * {@link CallAuthenticationFilter} verifies the Mattermost call token of the installation named by the route, so the
 * routes are open to micronaut-security and closed to anyone without that token. Calls that only compute (ping,
 * bindings, info) run where the filter left them; calls that write to the database or call Mattermost run on the
 * blocking executor.
 */
@Controller(CallRoutes.PREFIX + "{id}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
final class CallController {

    /** Mattermost's own limit for what it fetches from an app; a call body is far smaller. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final CallPipeline pipeline;
    private final ListBindings listBindings;
    private final SendGreeting sendGreeting;
    private final DescribeInstallation describeInstallation;
    private final RecordInstall recordInstall;
    private final RecordUninstall recordUninstall;
    private final ConfigureOAuth2Client configureOAuth2Client;
    private final ShowConnectLink showConnectLink;
    private final StartOAuth2 startOAuth2;
    private final CompleteOAuth2 completeOAuth2;
    private final ShowProfile showProfile;
    private final Disconnect disconnect;

    CallController(
            CallPipeline pipeline,
            ListBindings listBindings,
            SendGreeting sendGreeting,
            DescribeInstallation describeInstallation,
            RecordInstall recordInstall,
            RecordUninstall recordUninstall,
            ConfigureOAuth2Client configureOAuth2Client,
            ShowConnectLink showConnectLink,
            StartOAuth2 startOAuth2,
            CompleteOAuth2 completeOAuth2,
            ShowProfile showProfile,
            Disconnect disconnect) {
        this.pipeline = pipeline;
        this.listBindings = listBindings;
        this.sendGreeting = sendGreeting;
        this.describeInstallation = describeInstallation;
        this.recordInstall = recordInstall;
        this.recordUninstall = recordUninstall;
        this.configureOAuth2Client = configureOAuth2Client;
        this.showConnectLink = showConnectLink;
        this.startOAuth2 = startOAuth2;
        this.completeOAuth2 = completeOAuth2;
        this.showProfile = showProfile;
        this.disconnect = disconnect;
    }

    /** Mattermost pings with the new secret at install time: a wrong secret fails the install here. */
    @Post("/ping")
    HttpResponse<CallResponseJson> ping(@PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, call -> new CallOutcome.Ok(null));
    }

    @Post("/bindings")
    HttpResponse<CallResponseJson> bindings(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, listBindings::list);
    }

    @Post("/install")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> install(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, recordInstall::record);
    }

    @Post("/uninstall")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> uninstall(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, recordUninstall::record);
    }

    @Post("/send")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> send(@PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, sendGreeting::send);
    }

    @Post("/info")
    HttpResponse<CallResponseJson> info(@PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, describeInstallation::describe);
    }

    @Post("/configure")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> configure(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, configureOAuth2Client::configure);
    }

    @Post("/connect")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> connect(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, showConnectLink::show);
    }

    @Post("/disconnect")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> disconnect(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, disconnect::disconnect);
    }

    @Post("/me")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> me(@PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, showProfile::show);
    }

    /** {@code get_oauth2_connect_url}: answers the provider URL as a string in {@code data}. */
    @Post("/oauth2/connect")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> oauth2Connect(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, startOAuth2::start);
    }

    /** {@code on_oauth2_complete}: the provider's redirect, relayed by the plugin with its query as values. */
    @Post("/oauth2/complete")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<CallResponseJson> oauth2Complete(
            @PathVariable String id, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return pipeline.run(request, body, completeOAuth2::complete);
    }
}
