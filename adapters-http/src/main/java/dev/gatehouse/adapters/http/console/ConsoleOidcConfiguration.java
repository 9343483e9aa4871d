package dev.gatehouse.adapters.http.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.util.List;

/**
 * {@code gatehouse.console.oidc.*}: optional OpenID Connect sign-in to the operator console. Off while no issuer is
 * set; then the one-time link is the only way in. Checked when the client is built ({@link OidcClient}).
 *
 * @param issuer        the provider's issuer URL; discovery reads {@code <issuer>/.well-known/openid-configuration}
 * @param name          shown on the button ("Sign in with …"); the issuer's host when unset
 * @param clientId      this console's client id at the provider
 * @param clientSecret  its secret (client_secret_basic, or _post when that is all the provider takes); none for a
 *                      public client (PKCE alone)
 * @param scopes        requested scopes; {@code openid} is always added
 * @param allowedClaim  the ID token claim that must hold one of {@code allowedValues}; a dotted path reaches into
 *                      objects ({@code realm_access.roles})
 * @param allowedValues the groups or roles allowed in; required when an issuer is set
 * @param operatorClaim the claim that names the operator in the audit log; falls back to {@code email}, then
 *                      {@code sub}
 */
@ConfigurationProperties(ConsoleOidcConfiguration.PREFIX)
public record ConsoleOidcConfiguration(
        @Nullable String issuer,
        @Nullable String name,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Bindable(defaultValue = "openid,profile,email") List<String> scopes,
        @Bindable(defaultValue = "groups") String allowedClaim,
        @Nullable List<String> allowedValues,
        @Bindable(defaultValue = "preferred_username") String operatorClaim) {

    public static final String PREFIX = "gatehouse.console.oidc";
    public static final String ISSUER = PREFIX + ".issuer";

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }

    /** What the sign-in button calls the provider. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        try {
            String host = URI.create(issuer.strip()).getHost();
            return host == null ? issuer : host;
        } catch (IllegalArgumentException e) {
            return issuer;
        }
    }

    @Override
    public String toString() {
        return "ConsoleOidcConfiguration[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "absent" : "redacted") + ", allowedClaim=" + allowedClaim
                + ", allowedValues=" + allowedValues + ", operatorClaim=" + operatorClaim + "]";
    }
}
