package dev.gatehouse.bootstrap;

import dev.gatehouse.adapters.http.security.AdminRoles;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import org.reactivestreams.Publisher;

/**
 * When {@code /metrics} is protected ({@link MetricsConfiguration}), only the metrics token or an admin token opens
 * it; a scrape without either is refused (401) before the registry is read. Unprotected, this rule decides nothing.
 */
@Context // built at start-up, so a bad token setting stops startup rather than the first scrape
final class MetricsAccessRule implements SecurityRule<HttpRequest<?>> {

    private static final String BEARER = "Bearer ";

    private final MetricsConfiguration configuration;

    MetricsAccessRule(MetricsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !configuration.isProtected() || !isMetrics(request.getPath())) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean admin = authentication != null && authentication.getRoles().contains(AdminRoles.ADMIN);
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        boolean scraper = header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && configuration.acceptsToken(header.substring(BEARER.length()).strip());
        return Publishers.just(admin || scraper ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    private static boolean isMetrics(String path) {
        return path.equals("/metrics") || path.startsWith("/metrics/");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1; // before the anonymous-by-annotation and fall-through rules
    }
}
