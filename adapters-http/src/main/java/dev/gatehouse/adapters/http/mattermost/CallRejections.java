package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a refused call: its status with an error CallResponse that says why (never echoing the token or the
 * body), a log line (at most one a second per reason for refusals anyone can cause), a metric by reason, and an audit
 * record written off the request thread.
 */
@Singleton
final class CallRejections {

    private static final Logger LOG = LoggerFactory.getLogger(CallRejections.class);
    private static final int MAX_PATH = 200;
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    /** Per reason without a valid credential: when the next line may be written, and how many were left out. */
    private record LogWindow(AtomicLong next, AtomicLong skipped) {}

    private final Map<RejectionReason, LogWindow> logWindows = new EnumMap<>(RejectionReason.class);

    private final CallMetrics metrics;
    private final RejectionAudit audit;
    private final CommandCatalog catalog;

    CallRejections(CallMetrics metrics, RejectionAudit audit, UseCases useCases) {
        this.metrics = metrics;
        this.audit = audit;
        this.catalog = useCases.catalog();
        for (RejectionReason reason : RejectionReason.values()) {
            logWindows.put(reason, new LogWindow(new AtomicLong(System.nanoTime()), new AtomicLong()));
        }
    }

    /**
     * The installation is the one the route names, when the route names one at all: the audit log keeps refusals of
     * unknown and disabled installations under their id.
     */
    MutableHttpResponse<CallResponseJson> reject(HttpRequest<?> request, RejectionReason reason) {
        String installationSegment = CallRoutes.installationSegment(request.getPath());
        return reject(request, InstallationId.tryParse(installationSegment).orElse(null), reason);
    }

    /** @param installationId null when the route named no valid installation id */
    MutableHttpResponse<CallResponseJson> reject(
            HttpRequest<?> request, InstallationId installationId, RejectionReason reason) {
        String callPath = CallRoutes.callPath(request.getPath());
        record(
                request,
                installationId,
                reason,
                Ingress.APPS,
                catalog.route(callPath).isPresent() ? callPath : "other");
        return response(reason, CallResponseJson.error(reason.text())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The refusal's status and body in the ingress's shape; a rate-limited caller is told when to try again. */
    static <T> MutableHttpResponse<T> response(RejectionReason reason, T body) {
        return withRetryAfter(reason, HttpResponse.<T>status(status(reason)).body(body));
    }

    /**
     * The same for the slash-command ingress and its dialogs, where Mattermost shows the body only with a 200
     * (CLASSIC.md §1): a rate-limited caller is a verified Mattermost server, so, like a disabled installation, it
     * gets a 200 whose text its user sees (with {@code Retry-After} still set).
     */
    static <T> MutableHttpResponse<T> classicResponse(RejectionReason reason, T body) {
        HttpStatus status = reason == RejectionReason.RATE_LIMITED ? HttpStatus.OK : status(reason);
        return withRetryAfter(reason, HttpResponse.<T>status(status).body(body));
    }

    private static <T> MutableHttpResponse<T> withRetryAfter(RejectionReason reason, MutableHttpResponse<T> response) {
        if (reason == RejectionReason.RATE_LIMITED) {
            // a bucket refills at least one token a second
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response;
    }

    /**
     * Logs, counts and audits a refusal; the caller answers it in its ingress's shape.
     *
     * @param route a fixed route name for the latency metric, never what the caller wrote
     */
    void record(
            HttpRequest<?> request,
            InstallationId installationId,
            RejectionReason reason,
            Ingress ingress,
            String route) {
        if (CallPathWarmUp.isWarmUp(request)) {
            return; // the start-up warm-up's own refusals: not logged, counted or audited
        }
        metrics.call(request, ingress, route, "rejected");
        if (reason == RejectionReason.RATE_LIMITED) {
            // The installation's own flood, proven to come from its server: counted (per installation too); a log line
            // or audit row per refused call would turn the flood into one against the log and the database.
            metrics.rateLimited(installationId, ingress);
            metrics.rejected(reason, ingress);
            return;
        }
        String path = safePath(request.getPath());
        long skipped = 0;
        if (reason.withoutValidCredential() || reason == RejectionReason.INSTALLATION_UNKNOWN) {
            // anyone can send these as fast as they like: one line a second per reason, saying how many it stands for
            LogWindow window = logWindows.get(reason);
            long now = System.nanoTime();
            long next = window.next().get();
            if (now - next < 0 || !window.next().compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
                window.skipped().incrementAndGet();
                skipped = -1;
            } else {
                skipped = window.skipped().getAndSet(0);
            }
        }
        if (skipped >= 0) {
            try (var mdc = CallRoutes.mdc(installationId)) {
                LOG.info(
                        "refused {} request {} {}: {}{}",
                        ingress.code(),
                        request.getMethodName(),
                        path,
                        reason.code(),
                        skipped == 0 ? "" : " (and " + skipped + " more refused for this reason since the last line)");
            }
        }
        metrics.rejected(reason, ingress);
        audit.record(installationId, reason, request.getMethodName() + " " + path);
    }

    static HttpStatus status(RejectionReason reason) {
        return switch (reason) {
            case INSTALLATION_UNKNOWN -> HttpStatus.NOT_FOUND;
            case INSTALLATION_DISABLED -> HttpStatus.FORBIDDEN;
            case TOKEN_MISSING,
                    TOKEN_NOT_BEARER,
                    TOKEN_MALFORMED,
                    TOKEN_ALGORITHM,
                    TOKEN_SIGNATURE,
                    TOKEN_NO_EXPIRY,
                    TOKEN_EXPIRED,
                    TOKEN_EXPIRY_TOO_FAR,
                    TOKEN_NOT_YET_VALID,
                    ACTING_USER_MISMATCH,
                    SITE_URL_MISMATCH,
                    COMMAND_TOKEN_MISSING,
                    COMMAND_TOKEN_UNKNOWN,
                    COMMAND_TEAM_MISMATCH,
                    COMMAND_TOKENS_DIFFER,
                    STATE_MISSING,
                    STATE_INVALID,
                    STATE_EXPIRED,
                    STATE_WRONG_PURPOSE,
                    STATE_WRONG_USER,
                    STATE_USED -> HttpStatus.UNAUTHORIZED;
            case BODY_MALFORMED -> HttpStatus.BAD_REQUEST;
            case BODY_TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }

    /** The path is chosen by the caller: keep it short and printable before it reaches logs and the audit log. */
    private static String safePath(String path) {
        String printable = path.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= MAX_PATH ? printable : printable.substring(0, MAX_PATH) + "...";
    }
}
