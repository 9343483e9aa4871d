package dev.gatehouse.adapters.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Admin auth is for {@code /admin} only. Mattermost calls ({@code /i/...}) are authenticated by their own call JWT,
 * health and metrics are anonymous; so, as the last rule, let through what no earlier rule decided. Earlier rules
 * (such as micronaut's sensitive-endpoint rule) still apply.
 */
@Singleton
public final class OutsideAdminRule implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || AdminPathRule.isAdminPath(request.getPath())) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        return Publishers.just(SecurityRuleResult.ALLOWED);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
