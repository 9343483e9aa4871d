package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The parts of Mattermost's CallRequest (PROTOCOL.md §3) Gatehouse reads. Unknown properties are ignored on purpose:
 * Mattermost's model objects are large and change between versions.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record CallRequestJson(@Nullable String path, @Nullable CallContextJson context) {
}
