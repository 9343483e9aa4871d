package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gatehouse.domain.call.CallContext;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The parts of Mattermost's CallRequest (PROTOCOL.md §3) Gatehouse reads. Unknown properties are ignored on purpose:
 * Mattermost's model objects are large and change between versions. Of {@code values} only text values are kept
 * (form text fields, the OAuth2 {@code state}, the redirect's {@code code}); they may be secrets, so toString names
 * only their keys.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record CallRequestJson(
        @Nullable String path,
        @Nullable CallContextJson context,
        @Nullable Map<String, Object> values) {

    /** {@code installation}: the route's, for which the caller presented a call token. */
    CallContext toContext(SealedOAuth2 sealed, InstallationId installation) {
        Map<String, String> text = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (name != null && value instanceof String s) {
                    text.put(name, s);
                }
            });
        }
        return context == null
                ? new CallContext(null, null, null, null, null, null, text)
                : context.toDomain(sealed, installation, text);
    }

    @Override
    public String toString() {
        return "CallRequestJson[path=" + path + ", context=" + context + ", values="
                + (values == null ? "{}" : new TreeSet<>(values.keySet())) + "]";
    }
}
