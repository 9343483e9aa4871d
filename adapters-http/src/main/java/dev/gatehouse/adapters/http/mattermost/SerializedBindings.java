package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.domain.call.CallOutcome;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The CallResponse of a bindings call, serialized once per bindings list: the catalog builds one list per kind of user
 * and hands out the same instance on every call, so its JSON never changes. Serializing the nested bindings through
 * serde on each call was the largest part of the bindings call's own work (bench/README.md, "Issue 10"). Looked up
 * by identity, never by content; a list the catalog did not reuse is serialized each time once {@link #MAX_ENTRIES}
 * are taken, so memory stays bounded whatever a use case returns.
 */
@Singleton
final class SerializedBindings {

    static final int MAX_ENTRIES = 16;

    private final JsonMapper json;
    /** Copied on write: read on every call from the event loops, written once per kind of user. */
    private volatile Map<CallOutcome.Bindings, byte[]> serialized = new IdentityHashMap<>();

    SerializedBindings(JsonMapper json) {
        this.json = json;
    }

    /** The body of the {@code ok} CallResponse carrying these bindings, exactly as serde writes it. */
    byte[] of(CallOutcome.Bindings bindings) {
        byte[] body = serialized.get(bindings);
        if (body != null) {
            return body;
        }
        try {
            body = json.writeValueAsBytes(CallResponseJson.of(bindings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        remember(bindings, body);
        return body;
    }

    private synchronized void remember(CallOutcome.Bindings bindings, byte[] body) {
        if (serialized.size() < MAX_ENTRIES) {
            Map<CallOutcome.Bindings, byte[]> copy = new IdentityHashMap<>(serialized);
            copy.put(bindings, body);
            serialized = copy;
        }
    }
}
