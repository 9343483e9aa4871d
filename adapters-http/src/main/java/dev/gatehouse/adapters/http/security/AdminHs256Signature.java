package dev.gatehouse.adapters.http.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;

/**
 * The admin key's signature, for HS256 only. micronaut-security's {@link SecretSignature} verifies every HMAC size
 * with the same key (HS384 and HS512 tokens signed with the admin key were accepted); Gatehouse signs HS256 only, so
 * nothing else is verified with that key.
 */
final class AdminHs256Signature implements SignatureGeneratorConfiguration {

    private final SecretSignature key;

    AdminHs256Signature(SecretSignature key) {
        this.key = key;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the HS256 JWS algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return supports(jwt.getHeader().getAlgorithm()) && key.verify(jwt);
    }

    @Override
    public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        return key.sign(claims);
    }
}
