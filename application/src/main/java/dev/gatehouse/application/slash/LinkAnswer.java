package dev.gatehouse.application.slash;

/** What a user's browser gets from an OAuth2 link of the slash-command ingress: off to the provider, or a page. */
public sealed interface LinkAnswer {

    record Redirect(String url) implements LinkAnswer {}

    /** A short page; {@code succeeded} says whether it reports success or a problem. */
    record Page(boolean succeeded, String text) implements LinkAnswer {}
}
