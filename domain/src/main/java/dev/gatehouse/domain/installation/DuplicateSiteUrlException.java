package dev.gatehouse.domain.installation;

/** Another installation already has this (normalised) site URL: one installation per Mattermost server. */
public final class DuplicateSiteUrlException extends RuntimeException {

    private final SiteUrl siteUrl;

    public DuplicateSiteUrlException(SiteUrl siteUrl) {
        super("an installation for " + siteUrl + " (or the same server under the other scheme) already exists");
        this.siteUrl = siteUrl;
    }

    public SiteUrl siteUrl() {
        return siteUrl;
    }
}
