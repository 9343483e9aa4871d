package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Body of {@code POST /admin/installations}. Values are checked by the domain, which names the field at fault. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateInstallationJson(
        @Nullable String name,
        @Nullable String siteUrl,
        @Nullable String apiUrl) {}
