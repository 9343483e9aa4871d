package dev.gatehouse.adapters.http;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SiteUrl;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.LoggerFactory;

/** The base URL Mattermost uses to reach Gatehouse ({@code gatehouse.public-url}), and the per-installation URLs under it. */
@Singleton
public final class PublicUrl {

    private final String base;

    public PublicUrl(
            @Value("${gatehouse.public-url:}") String configured, @Value("${micronaut.server.port:8080}") int port) {
        if (configured == null || configured.isBlank()) {
            // Only right when Mattermost runs on this host; said loudly because install commands carry this URL.
            this.base = "http://localhost:" + (port > 0 ? port : 8080);
            LoggerFactory.getLogger(PublicUrl.class)
                    .warn(
                            "gatehouse.public-url (GATEHOUSE_PUBLIC_URL) is not set: manifests and "
                                    + "install commands point at {}, which a Mattermost server on another host cannot reach",
                            base);
            return;
        }
        try {
            this.base = SiteUrl.of(configured).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "gatehouse.public-url (GATEHOUSE_PUBLIC_URL) is invalid: " + e.getMessage(), e);
        }
    }

    public String base() {
        return base;
    }

    /** {@code http.root_url} of the installation's manifest. */
    public String rootUrl(InstallationId id) {
        return base + "/i/" + id;
    }

    public String manifestUrl(InstallationId id) {
        return rootUrl(id) + "/manifest.json";
    }

    public String installCommand(InstallationId id) {
        return "/apps install http " + manifestUrl(id);
    }
}
