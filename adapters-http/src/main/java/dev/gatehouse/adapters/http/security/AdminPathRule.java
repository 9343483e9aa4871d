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
 * Everything under {@code /admin} needs an authenticated token with the {@code ADMIN} role, whatever any other
 * rule or annotation says: this rule runs first. Other paths are left to the next rules.
 */
@Singleton
public final class AdminPathRule implements SecurityRule<HttpRequest<?>> {

    static boolean isAdminPath(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !isAdminPath(request.getPath())) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean admin = authentication != null && authentication.getRoles().contains(AdminRoles.ADMIN);
        return Publishers.just(admin ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
