package dev.gatehouse.adapters.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.bearer.BearerTokenConfiguration;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the admin token from {@code Authorization: Bearer}, as micronaut-security does, but only when it is spelled
 * in canonical base64url ({@link CanonicalBase64Url}): Nimbus would accept padded, {@code +/}, or respelled tokens as
 * the one that was signed. Any other spelling counts as no token, so the admin API answers 401.
 */
@Singleton
@Replaces(BearerTokenReader.class)
public class CanonicalBearerTokenReader extends BearerTokenReader {

    public CanonicalBearerTokenReader(BearerTokenConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return super.findToken(request).filter(CanonicalBase64Url::isCompactJws);
    }
}
