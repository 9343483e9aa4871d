package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.SiteUrl;

/** The internal API URL follows the site URL's rules; only the message names the other field. */
final class ApiUrls {

    private ApiUrls() {}

    static SiteUrl parse(String raw) {
        try {
            return SiteUrl.of(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("site URL", "api_url"));
        }
    }
}
