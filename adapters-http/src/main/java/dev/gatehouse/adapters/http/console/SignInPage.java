package dev.gatehouse.adapters.http.console;

import io.micronaut.core.annotation.Nullable;

/**
 * The sign-in page: the link's token to POST (empty without one), why the last try failed, and the OpenID Connect
 * provider to offer a button for (null when none is configured).
 */
public record SignInPage(
        String token, @Nullable String error, @Nullable String oidcProvider) {
    @Override
    public String toString() {
        return "SignInPage[token=redacted, error=" + error + ", oidcProvider=" + oidcProvider + "]";
    }
}
