package dev.gatehouse.adapters.http.security;

import static io.micronaut.http.HttpRequest.GET;
import static io.micronaut.http.HttpRequest.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.http.AdminTokens;
import dev.gatehouse.adapters.http.Api;
import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.application.fakes.InMemoryAuditLog;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
class AdminAuthTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Inject
    AdminTokenIssuer issuer;

    @Inject
    InMemoryAuditLog auditLog;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(client, json);
    }

    static void assertUnauthorized(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.json()).containsEntry("status", 401).containsEntry("title", "Unauthorized");
        assertThat(reply.detail()).contains("Authorization: Bearer");
        assertThat(reply.headers().get(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void rejectsARequestWithoutToken() {
        assertUnauthorized(api.send(GET("/admin/installations")));
        assertUnauthorized(api.send(GET("/admin/audit")));
        assertUnauthorized(
                api.send(POST("/admin/installations", Map.of("name", "x", "site_url", "https://x.example.com"))));
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        assertUnauthorized(api.as(AdminTokens.signedWithOtherKey("mallory"), GET("/admin/installations")));
    }

    @Test
    void rejectsAnExpiredToken() {
        assertUnauthorized(api.as(AdminTokens.expired("alice"), GET("/admin/installations")));
    }

    @Test
    void rejectsATokenThatIsNotValidYet() {
        assertUnauthorized(api.as(AdminTokens.notYetValid("alice"), GET("/admin/installations")));
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        assertUnauthorized(api.as(AdminTokens.withoutExpiry("alice"), GET("/admin/installations")));
    }

    @Test
    void rejectsGarbageAsToken() {
        assertUnauthorized(api.as("not.a.jwt", GET("/admin/installations")));
    }

    @Test
    void acceptsOnlyHs256WithTheAdminKey() {
        assertThat(api.as(AdminTokens.signedWithHmac("alice", "HS256", "HmacSHA256"), GET("/admin/installations"))
                        .status())
                .isEqualTo(200);
        assertUnauthorized(
                api.as(AdminTokens.signedWithHmac("alice", "HS384", "HmacSHA384"), GET("/admin/installations")));
        assertUnauthorized(
                api.as(AdminTokens.signedWithHmac("alice", "HS512", "HmacSHA512"), GET("/admin/installations")));
    }

    @Test
    void acceptsOnlyTheCanonicalBase64UrlSpellingOfAToken() {
        String token = adminTokenWithUrlSafeCharactersInItsSignature();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String signed = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(api.as(token, GET("/admin/installations")).status()).isEqualTo(200);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(signature.charAt(signature.length() - 1));
        List<String> respelled = List.of(
                token + "=",
                signed + signature.replace('-', '+').replace('_', '/'),
                signed + signature.substring(0, 8) + "!" + signature.substring(8),
                // 32 bytes are 43 characters: the last one's 2 low bits are unused
                signed + signature.substring(0, signature.length() - 1) + alphabet.charAt(last ^ 1));
        for (String variant : respelled) {
            assertUnauthorized(api.as(variant, GET("/admin/installations")));
        }
    }

    private static String adminTokenWithUrlSafeCharactersInItsSignature() {
        while (true) {
            String token = AdminTokens.admin("alice-" + System.nanoTime());
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.contains("-") || signature.contains("_")) {
                return token;
            }
        }
    }

    @Test
    void refusesRolesThatAreNotAnArrayOfStrings() {
        assertUnauthorized(api.as(AdminTokens.withRolesClaim("eve", "ADMIN"), GET("/admin/installations")));
        assertUnauthorized(
                api.as(AdminTokens.withRolesClaim("eve", Map.of("ADMIN", true)), GET("/admin/installations")));
        assertUnauthorized(api.as(AdminTokens.withRolesClaim("eve", List.of("ADMIN", 1)), GET("/admin/installations")));
        assertThat(api.as(AdminTokens.withRolesClaim("eve", List.of("ADMIN")), GET("/admin/installations"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rejectsAValidTokenWithoutTheAdminRoleWith403() {
        for (List<String> roles : List.of(List.<String>of(), List.of("VIEWER"), List.of("admin"))) {
            Api.Reply reply = api.as(AdminTokens.withRoles("eve", roles), GET("/admin/installations"));

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
            assertThat(reply.json()).containsEntry("status", 403).containsEntry("title", "Forbidden");
            assertThat(reply.detail()).contains("ADMIN role");
        }
    }

    @Test
    void unknownAdminPathsAreProtectedToo() {
        assertUnauthorized(api.send(GET("/admin/does-not-exist")));
        assertUnauthorized(api.send(GET("/admin")));
    }

    @Test
    void acceptsTokensFromTheIssuerAndRecordsTheSubjectAsActor() {
        String token = issuer.issue("ops-cli", Duration.ofMinutes(10));

        Api.Reply created = api.as(
                token,
                POST("/admin/installations", Map.of("name", "Issued", "site_url", "https://issued.example.com")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(api.as(
                                token,
                                GET("/admin/audit?installation_id="
                                        + created.json().get("id")))
                        .items())
                .extracting(e -> e.get("actor"))
                .containsExactly("admin:ops-cli");
    }

    @Test
    void issuerRefusesABlankSubjectOrABadTtl() {
        assertThatThrownBy(() -> issuer.issue(" ", Duration.ofMinutes(1))).hasMessageContaining("subject");
        assertThatThrownBy(() -> issuer.issue("ops", Duration.ZERO)).hasMessageContaining("ttl");
        assertThatThrownBy(() -> issuer.issue("ops", Duration.ofDays(400))).hasMessageContaining("ttl");
    }

    @Test
    void pathsOutsideAdminNeedNoAdminToken() {
        // Mattermost routes carry their own call JWT; here only: not a 401 from admin auth.
        Api.Reply mattermost = api.send(GET("/i/" + InstallationId.random() + "/manifest.json"));
        Api.Reply health = api.send(GET("/health"));

        assertThat(mattermost.status()).isNotIn(401, 403);
        assertThat(health.status()).isEqualTo(200);
    }

    @Test
    void anAdminTokenSentToAMattermostPathIsIgnoredNotRejected() {
        Api.Reply reply =
                api.as(AdminTokens.signedWithOtherKey("x"), GET("/i/" + InstallationId.random() + "/manifest.json"));

        assertThat(reply.status()).isNotIn(401, 403);
    }
}
