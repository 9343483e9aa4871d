package dev.gatehouse.adapters.http.admin;

import dev.gatehouse.adapters.http.LogContextEntry;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;

/**
 * Puts {@code installation_id} into the log context of admin requests about one installation
 * ({@code /admin/installations/{id}/…}), as the call routes do, so an operator can follow one server through the log.
 * A path that holds no valid id adds nothing: the controller answers it.
 */
@ServerFilter("/admin/installations/*/**")
final class AdminInstallationLogContext implements Ordered {

    private static final String PREFIX = "/admin/installations/";

    @RequestFilter
    void tag(HttpRequest<?> request, MutablePropagatedContext context) {
        installationId(request.getPath())
                .ifPresent(id -> context.add(new LogContextEntry("installation_id", id.toString())));
    }

    static Optional<InstallationId> installationId(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        try {
            return Optional.of(InstallationId.parse(slash < 0 ? rest : rest.substring(0, slash)));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after(); // after the request id, so both reach the MDC
    }
}
