package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.domain.installation.InstallationId;
import java.util.Set;
import org.slf4j.MDC;

/** The shape of call URLs, {@code /i/{installationId}/{call path}}, and the logging context of a call. */
final class CallRoutes {

    static final String PREFIX = "/i/";

    static final String MDC_INSTALLATION = "installation_id";

    private CallRoutes() {}

    /** The installation id segment, as sent (may be anything). */
    static String installationSegment(String path) {
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The call path after the installation id, e.g. {@code /send}; empty when there is none. */
    static String callPath(String path) {
        if (!path.startsWith(PREFIX)) {
            return "";
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash);
    }

    /** The routes of the slash-command ingress (CLASSIC.md §2), which carry no Apps call token. */
    static final Set<String> SLASH_COMMAND_ROUTES = Set.of("/command", "/dialog", "/oauth2/start", "/oauth2/callback");

    static boolean isSlashCommandIngress(String path) {
        return SLASH_COMMAND_ROUTES.contains(callPath(path));
    }

    /** Puts {@code installation_id} into the logging MDC until closed; a no-op for an unknown installation. */
    static MDC.MDCCloseable mdc(InstallationId id) {
        return MDC.putCloseable(MDC_INSTALLATION, id == null ? "-" : id.toString());
    }
}
