package dev.gatehouse.adapters.http.console;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may sign in with OpenID Connect and under what name, read from a validated ID token's claims: the allowed claim
 * (a string or a list of strings, reached by a dotted path) must hold one of the allowed values; the operator is the
 * operator claim, else {@code email}, else {@code sub}.
 */
record OidcAccess(String allowedClaim, Set<String> allowedValues, String operatorClaim) {

    OidcAccess {
        Objects.requireNonNull(allowedClaim, "allowedClaim");
        Objects.requireNonNull(operatorClaim, "operatorClaim");
        allowedValues = Set.copyOf(allowedValues);
        if (allowedValues.isEmpty()) {
            throw new IllegalArgumentException(ConsoleOidcConfiguration.PREFIX
                    + ".allowed-values is required with an issuer: without it anyone with an account at the provider"
                    + " could sign in");
        }
    }

    /** What the claims allow. */
    sealed interface Decision {
        /** Allowed in as {@code operator}. */
        record Allowed(String operator) implements Decision {}

        /** Not allowed; {@code operator} is who it was (null if the token names nobody), {@code reason} for the audit. */
        record Refused(String operator, String reason) implements Decision {}
    }

    Decision decide(Map<String, Object> claims) {
        String operator = firstString(claims, operatorClaim, "email", "sub");
        if (operator == null) {
            return new Decision.Refused(null, "the ID token names nobody (no " + operatorClaim + ", email or sub)");
        }
        for (String value : values(at(claims, allowedClaim))) {
            if (allowedValues.contains(value)) {
                return new Decision.Allowed(operator);
            }
        }
        return new Decision.Refused(operator, "no allowed value in the claim " + allowedClaim);
    }

    private static String firstString(Map<String, Object> claims, String... names) {
        for (String name : names) {
            if (at(claims, name) instanceof String value && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** The claim at a dotted path ({@code realm_access.roles}); a claim whose own name has a dot is found first. */
    private static Object at(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object node = claims;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static List<String> values(Object claim) {
        if (claim instanceof String value) {
            return List.of(value);
        }
        if (claim instanceof Collection<?> list) {
            return list.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return List.of();
    }
}
