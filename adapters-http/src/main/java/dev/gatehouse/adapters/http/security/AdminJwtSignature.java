package dev.gatehouse.adapters.http.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;

/**
 * The HS256 key admin tokens are signed and verified with, from {@code gatehouse.admin.jwt-secret}.
 *
 * <p>Named {@code generator} so micronaut-security's {@code JwtTokenGenerator} signs with it (see
 * {@link AdminTokenIssuer}); as a {@code SignatureConfiguration} it also verifies incoming admin tokens.
 * Built eagerly: a missing or short key is a startup error, not a 500 on the first admin request. Verifies HS256
 * only ({@link AdminHs256Signature}).
 */
@Factory
public class AdminJwtSignature {

    /** HS256 needs a key at least as long as its 256-bit output. */
    public static final int MIN_LENGTH = 32;

    // Declared as the interface: SecretSignature itself is annotated @EachBean, which a factory method returning it
    // would inherit (then no bean exists without micronaut.security.token.jwt.signatures.secret.* configuration).
    @Context
    @Named("generator")
    SignatureGeneratorConfiguration adminSignature(AdminConfiguration configuration) {
        String secret = configuration.jwtSecret();
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new ConfigurationException(AdminConfiguration.JWT_SECRET + " is missing or shorter than " + MIN_LENGTH
                    + " characters: set GATEHOUSE_ADMIN_JWT_SECRET to a random value of at least " + MIN_LENGTH
                    + " characters (for example: openssl rand -base64 48)");
        }
        SecretSignatureConfiguration signature = new SecretSignatureConfiguration("admin");
        signature.setSecret(secret);
        return new AdminHs256Signature(new SecretSignature(signature));
    }
}
