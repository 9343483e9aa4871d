package dev.gatehouse.adapters.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} if it looks sane, else a fresh one. The id is echoed
 * in the response and put in the SLF4J MDC as {@code request_id} through Micronaut's propagated context, so log lines
 * written on the blocking executor carry it too. Runs before security, so rejections carry the id as well.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIdFilter implements Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Request attribute holding the id, for error bodies. */
    public static final String ATTRIBUTE = "gatehouse.request-id";

    // Letters, digits and a few separators only: the id lands in logs, so no spaces, quotes or control characters.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = Optional.ofNullable(request.getHeaders().get(HEADER))
                .filter(candidate -> SANE.matcher(candidate).matches())
                .orElseGet(RequestIdFilter::newId);
        request.setAttribute(ATTRIBUTE, id);
        context.add(new LogContextEntry(MDC_KEY, id));
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        of(request).ifPresent(id -> response.header(HEADER, id));
    }

    /** A random (version 4) UUID from a non-blocking, uncontended source: ids must be unique, not unguessable. */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id assigned to this request, if the filter has seen it. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
