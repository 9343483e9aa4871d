package dev.gatehouse.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code gatehouse.metrics.*}: who may read {@code /metrics}. Open by default (a scrape inside the cluster network);
 * protected, it answers only a scraper presenting the metrics token or an operator presenting an admin token.
 *
 * @param token   {@code gatehouse.metrics.token}: a bearer token Prometheus sends ({@code authorization: credentials});
 *                at least {@value #MIN_TOKEN_LENGTH} characters; setting it protects {@code /metrics}
 * @param protect {@code gatehouse.metrics.protect}: protect {@code /metrics} even without a token (admin tokens only)
 */
@ConfigurationProperties(MetricsConfiguration.PREFIX)
public record MetricsConfiguration(
        @Nullable String token,
        @Bindable(defaultValue = "false") boolean protect) {

    public static final String PREFIX = "gatehouse.metrics";
    static final int MIN_TOKEN_LENGTH = 32;

    public MetricsConfiguration {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigurationException(PREFIX + ".token (GATEHOUSE_METRICS_TOKEN) must be at least "
                    + MIN_TOKEN_LENGTH + " characters, for example the output of `openssl rand -base64 32`");
        }
        token = token == null ? null : token.strip();
    }

    boolean isProtected() {
        return protect || token != null;
    }

    /** Constant-time, so the comparison tells nothing about how much of a guess was right. */
    boolean acceptsToken(@Nullable String presented) {
        return token != null
                && presented != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MetricsConfiguration[token=" + (token == null ? "absent" : "redacted") + ", protect=" + protect + "]";
    }
}
