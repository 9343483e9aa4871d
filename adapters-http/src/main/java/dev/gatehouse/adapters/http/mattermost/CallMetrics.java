package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics of the Mattermost-facing side: every call by path and outcome with a latency histogram
 * ({@code gatehouse.calls}), refusals by reason ({@code gatehouse.calls.rejected}) and failed REST calls to
 * Mattermost ({@code gatehouse.mattermost.client.errors}). Tags take values from fixed sets only, so a caller cannot
 * blow up the number of series.
 */
@Singleton
public final class CallMetrics {

    /** {@link System#nanoTime()} when the call arrived, for its latency. */
    private static final String ARRIVED = CallMetrics.class.getName() + ".arrived";

    private final MeterRegistry registry;
    /** Timers by path and outcome: looked up on every call, so built once rather than through the registry each time. */
    private final Map<String, Timer> callTimers = new ConcurrentHashMap<>();

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered at 0, so the first refusal of a kind is an increase Prometheus can see (rate() needs two samples).
        for (Ingress ingress : Ingress.values()) {
            for (RejectionReason reason : RejectionReason.values()) {
                rejectedCounter(reason, ingress);
            }
        }
    }

    /** Marks when a call arrived: its latency counts from here. */
    static void arrived(HttpRequest<?> request) {
        request.setAttribute(ARRIVED, System.nanoTime());
    }

    /**
     * @param path    a path of the command catalog or a route of the slash-command ingress, or {@code other}: never
     *                what the caller wrote
     * @param outcome {@code ok}, {@code error}, {@code rejected} or {@code failed} (an exception)
     */
    void call(HttpRequest<?> request, Ingress ingress, String path, String outcome) {
        if (CallPathWarmUp.isWarmUp(request)) {
            return; // the start-up warm-up's own calls are not traffic
        }
        Duration latency = request.getAttribute(ARRIVED, Long.class)
                .map(arrived -> Duration.ofNanos(System.nanoTime() - arrived))
                .orElse(Duration.ZERO);
        timer(ingress, path, outcome).record(latency);
    }

    /**
     * Registers a call timer at 0 before its first call, as the refusal counters are: the first call is then an
     * increase Prometheus sees, and does not pay for building the timer's histogram.
     */
    void prepare(Ingress ingress, String path, String outcome) {
        timer(ingress, path, outcome);
    }

    private Timer timer(Ingress ingress, String path, String outcome) {
        return callTimers.computeIfAbsent(
                ingress.code() + ' ' + path + ' ' + outcome,
                key -> Timer.builder("gatehouse.calls")
                        .description("Calls from Mattermost by ingress, path and outcome")
                        .tag("ingress", ingress.code())
                        .tag("path", path)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry));
    }

    /** Per installation, so an operator sees which tenant hits its limit (one series per limited installation). */
    void rateLimited(InstallationId installation, Ingress ingress) {
        Counter.builder("gatehouse.calls.rate_limited")
                .description("Requests from Mattermost refused with 429 by the installation's rate limit")
                .tag("installation", installation == null ? "unknown" : installation.toString())
                .tag("ingress", ingress.code())
                .register(registry)
                .increment();
    }

    void rejected(RejectionReason reason, Ingress ingress) {
        rejectedCounter(reason, ingress).increment();
    }

    private Counter rejectedCounter(RejectionReason reason, Ingress ingress) {
        return Counter.builder("gatehouse.calls.rejected")
                .description("Requests from Mattermost (or users' browsers) refused, by ingress and reason")
                .tag("ingress", ingress.code())
                .tag("reason", reason.code())
                .register(registry);
    }

    /** @param kind {@code status_4xx}, {@code status_5xx}, {@code timeout}, {@code unreachable} or {@code invalid_response} */
    void mattermostClientError(String operation, String kind) {
        Counter.builder("gatehouse.mattermost.client.errors")
                .description("Failed REST calls to Mattermost servers")
                .tag("operation", operation)
                .tag("kind", kind)
                .register(registry)
                .increment();
    }
}
