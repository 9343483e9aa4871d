package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Body of {@code POST .../secret/rotate}; absent (or no body) means the default grace window. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record RotateSecretJson(@Nullable Long graceSeconds) {}
