package dev.gatehouse.adapters.http.security;

import static io.micronaut.http.HttpRequest.GET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.adapters.http.AdminTokens;
import dev.gatehouse.adapters.http.Api;
import dev.gatehouse.adapters.http.GatehouseOnFakes;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Admin tokens from an identity provider, verified against its JWKS (served here by a tiny local HTTP server). */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityProviderJwksTest implements TestPropertyProvider {

    final RSAKey providerKey = generate("idp-1");
    final RSAKey strangerKey = generate("idp-1");
    HttpServer jwks;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        try {
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        return Map.of(
                AdminConfiguration.JWKS_URL,
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
    }

    @AfterAll
    void stop() {
        jwks.stop(0);
    }

    @Test
    void acceptsAnAdminTokenSignedByTheIdentityProvider() {
        Api.Reply reply = new Api(client, json).as(sign(providerKey, List.of("ADMIN")), GET("/admin/installations"));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void theProviderMustStillGrantTheAdminRole() {
        Api.Reply reply = new Api(client, json).as(sign(providerKey, List.of("USER")), GET("/admin/installations"));

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void refusesATokenSignedWithAKeyNotInTheSet() {
        Api.Reply reply = new Api(client, json).as(sign(strangerKey, List.of("ADMIN")), GET("/admin/installations"));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void theAdminKeyKeepsWorkingBesideTheProvider() {
        Api.Reply reply = new Api(client, json).as(AdminTokens.admin("cli"), GET("/admin/installations"));

        assertThat(reply.status()).isEqualTo(200);
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey key, List<String> roles) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    new JWTClaimsSet.Builder()
                            .subject("carol@idp")
                            .claim("roles", roles)
                            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
