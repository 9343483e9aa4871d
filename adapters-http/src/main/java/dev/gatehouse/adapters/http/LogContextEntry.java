package dev.gatehouse.adapters.http;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * One SLF4J MDC entry carried by Micronaut's propagated context: set while a request's work runs on a thread, and the
 * thread's previous value put back after. Micronaut's {@code MdcPropagationContext} instead copies and replaces the
 * whole MDC map each time the context is entered and left — several times per request, about a tenth of a verified
 * call's CPU (bench/README.md, "Issue 10"); two of them (request id, then installation id) left only the second's keys.
 */
public record LogContextEntry(String key, String value) implements ThreadPropagatedContextElement<String> {

    @Override
    public String updateThreadContext() {
        String previous = MDC.get(key);
        MDC.put(key, value);
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
