package dev.gatehouse.adapters.http.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * RFC 9457 problem details, sent as {@code application/problem+json}. {@code type} is {@code about:blank}: the
 * status says what kind of problem it is, {@code detail} tells the caller what to fix. {@code request_id} is an
 * extension member so an operator can find the matching log lines.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemJson(
        String type,
        String title,
        int status,
        String detail,
        @Nullable String requestId) {}
