package dev.gatehouse.adapters.http;

import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.SiteUrl;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.LoggerFactory;

/** The base URL Mattermost uses to reach Gatehouse ({@code gatehouse.public-url}), and the per-installation URLs under it. */
@Singleton
public final class PublicUrl {

    private static final int DEFAULT_PORT = 8080;

    private final String base;

    @Inject
    PublicUrl(AppConfiguration configuration, HttpServerConfiguration server) {
        this(configuration.publicUrl(), server.getPort().orElse(DEFAULT_PORT));
    }

    public PublicUrl(String configured, int port) {
        if (configured == null || configured.isBlank()) {
            // Only right when Mattermost runs on this host; said loudly because install commands carry this URL.
            this.base = "http://localhost:" + (port > 0 ? port : DEFAULT_PORT);
            LoggerFactory.getLogger(PublicUrl.class)
                    .warn(
                            "{} (GATEHOUSE_PUBLIC_URL) is not set: manifests and install commands point at {}, which a"
                                    + " Mattermost server on another host cannot reach",
                            AppConfiguration.PUBLIC_URL,
                            base);
            return;
        }
        try {
            this.base = SiteUrl.of(configured).value();
        } catch (IllegalArgumentException e) {
            // no cause: a start-up failure prints its innermost message, and this one names the key
            throw new IllegalArgumentException(
                    AppConfiguration.PUBLIC_URL + " (GATEHOUSE_PUBLIC_URL) is invalid: " + e.getMessage());
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
