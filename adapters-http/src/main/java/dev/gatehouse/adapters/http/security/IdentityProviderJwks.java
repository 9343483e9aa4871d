package dev.gatehouse.adapters.http.security;

import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * An identity provider's JWKS ({@code gatehouse.admin.jwks-url}): when set, admin tokens it signs are accepted
 * besides those signed with the admin key. micronaut-security builds a {@code ReactiveJwksSignature} for each bean
 * of this type, fetching and caching the key set.
 */
@Singleton
@Named("identity-provider")
@Requires(property = AdminConfiguration.JWKS_URL)
public final class IdentityProviderJwks implements JwksSignatureConfiguration {

    private static final int CACHE_SECONDS = 300;

    private final String url;

    public IdentityProviderJwks(AdminConfiguration configuration) {
        this.url = configuration.jwksUrl();
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    @Nullable public KeyType getKeyType() {
        return null; // any key type the provider publishes
    }

    @Override
    public Integer getCacheExpiration() {
        return CACHE_SECONDS;
    }

    @Override
    public String getName() {
        return "identity-provider";
    }
}
