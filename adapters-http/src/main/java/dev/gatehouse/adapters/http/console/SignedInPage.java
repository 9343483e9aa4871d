package dev.gatehouse.adapters.http.console;

/** The page after an OpenID Connect sign-in: it moves on to the console by itself (a same-site navigation). */
public record SignedInPage(String operator) {}
