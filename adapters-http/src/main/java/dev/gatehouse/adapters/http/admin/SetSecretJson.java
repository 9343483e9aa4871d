package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code PUT .../secret}: an operator-chosen secret. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SetSecretJson(@Nullable String secret) {

    @Override
    public String toString() {
        return "SetSecretJson[secret=redacted]";
    }
}
