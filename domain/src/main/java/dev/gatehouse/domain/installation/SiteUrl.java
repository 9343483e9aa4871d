package dev.gatehouse.domain.installation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The public URL of a Mattermost server, normalised so one server has exactly one spelling:
 * http or https only, lower-case scheme and host, default port dropped, no trailing slash.
 * Userinfo, query and fragment are refused rather than silently dropped.
 */
public record SiteUrl(String value) {

    public SiteUrl {
        Objects.requireNonNull(value, "site URL is required");
        if (!value.equals(normalise(value, "site URL"))) {
            throw new IllegalArgumentException("site URL is not in normal form; use SiteUrl.of");
        }
    }

    public static SiteUrl of(String raw) {
        return of(raw, "site URL");
    }

    /** As {@link #of(String)}; a refusal names the value {@code name} (the field or option it came from). */
    public static SiteUrl of(String raw, String name) {
        return new SiteUrl(normalise(raw, name));
    }

    /** The server this URL names, whatever the scheme: http:// and https:// of one host are one Mattermost server. */
    public String server() {
        return value.substring(value.indexOf("://") + 3);
    }

    public URI toUri() {
        return URI.create(value);
    }

    /** Joins an absolute path (starting with '/') onto this URL. */
    public URI resolve(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/'");
        }
        return URI.create(value + absolutePath);
    }

    private static String normalise(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(name + " is required, for example https://chat.example.com");
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException(name + " must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must not contain a user name or password");
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException(name + " must not contain a query (?...)");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must not contain a fragment (#...)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(name + " must name a host, for example https://chat.example.com");
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException(name + " has port " + port + "; a port must be 1 to 65535");
        }
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    @Override
    public String toString() {
        return value;
    }
}
