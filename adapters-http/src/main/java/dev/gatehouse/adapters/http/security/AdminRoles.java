package dev.gatehouse.adapters.http.security;

/** Roles carried in the admin token's standard {@code roles} claim. */
public final class AdminRoles {

    public static final String ADMIN = "ADMIN";

    private AdminRoles() {}
}
