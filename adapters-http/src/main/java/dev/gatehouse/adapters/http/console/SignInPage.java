package dev.gatehouse.adapters.http.console;

import io.micronaut.core.annotation.Nullable;

/** The sign-in page: the link's token to POST (empty without one), and why the last try failed. */
public record SignInPage(String token, @Nullable String error) {
    @Override
    public String toString() {
        return "SignInPage[token=redacted, error=" + error + "]";
    }
}
