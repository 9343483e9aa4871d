package dev.gatehouse.adapters.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.adapters.http.PublicUrl;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ID token validation of the console's OpenID Connect client against navikt's mock-oauth2-server (a real provider
 * with discovery and a JWKS): what it signs for this client and nonce passes; everything a forger or a confused
 * provider could hand over does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcClientTest {

    private static final String ISSUER_ID = "corp";
    private static final String CLIENT = "gatehouse-console";
    private static final String NONCE = "nonce-123";

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private final OidcClient client;

    OidcClientTest() {
        provider.start();
        client = new OidcClient(
                config(provider.issuerUrl(ISSUER_ID).toString()), new PublicUrl("http://localhost:18501", 0));
    }

    private static ConsoleOidcConfiguration config(String issuer) {
        return new ConsoleOidcConfiguration(
                issuer,
                null,
                CLIENT,
                "client-secret",
                List.of("openid"),
                "groups",
                List.of("gatehouse-operators"),
                "preferred_username");
    }

    @AfterAll
    void stop() {
        provider.shutdown();
    }

    private SignedJWT issued(String issuerId, String audience, Map<String, Object> claims, long expirySeconds) {
        return provider.issueToken(issuerId, "subject-1", audience, claims, expirySeconds);
    }

    @Test
    void acceptsATokenTheProviderSignedForThisClientAndNonce() {
        var outcome = client.verify(
                issued(ISSUER_ID, CLIENT, Map.of("nonce", NONCE, "groups", List.of("gatehouse-operators")), 600),
                NONCE);
        assertThat(outcome).isInstanceOf(OidcClient.Outcome.Verified.class);
        assertThat(((OidcClient.Outcome.Verified) outcome).claims())
                .containsEntry("sub", "subject-1")
                .containsEntry("groups", List.of("gatehouse-operators"));
    }

    @Test
    void refusesAnotherNonceAnotherAudienceAnotherIssuerAndAnExpiredToken() {
        assertRejected(client.verify(issued(ISSUER_ID, CLIENT, Map.of("nonce", "other"), 600), NONCE));
        assertRejected(client.verify(issued(ISSUER_ID, CLIENT, Map.of(), 600), NONCE));
        assertRejected(client.verify(issued(ISSUER_ID, "another-client", Map.of("nonce", NONCE), 600), NONCE));
        assertRejected(client.verify(issued("elsewhere", CLIENT, Map.of("nonce", NONCE), 600), NONCE));
        assertRejected(client.verify(issued(ISSUER_ID, CLIENT, Map.of("nonce", NONCE), -600), NONCE));
    }

    @Test
    void refusesAnUnsignedTokenAndOneSignedWithHmacOrAnotherKey() throws Exception {
        JWTClaimsSet claims = goodClaims();
        assertRejected(client.verify(new PlainJWT(claims), NONCE));

        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner("a-shared-secret-of-at-least-thirty-two-bytes"));
        assertRejected(client.verify(hmac, NONCE));

        // the provider's own key id, a forger's key
        String kid = issued(ISSUER_ID, CLIENT, Map.of(), 60).getHeader().getKeyID();
        RSAKey forger = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        forged.sign(new RSASSASigner(forger));
        assertRejected(client.verify(forged, NONCE));
    }

    @Test
    void anUnreachableProviderIsUnavailableNotARefusal() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        OidcClient nowhere = new OidcClient(
                config("http://localhost:" + closed + "/corp"), new PublicUrl("http://localhost:18501", 0));
        assertThatThrownBy(() -> nowhere.authorizationRequest(OidcFlow.start(Instant.now())))
                .isInstanceOf(OidcClient.ProviderUnavailable.class)
                .hasMessage("the provider's discovery document could not be read");
    }

    @Test
    void theAuthorizationRequestCarriesStateNonceAndAnS256Challenge() {
        OidcFlow flow = OidcFlow.start(Instant.now().plusSeconds(600));
        String uri = client.authorizationRequest(flow).toString();
        assertThat(uri)
                .startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString())
                .contains("state=" + flow.state())
                .contains("nonce=" + flow.nonce())
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .doesNotContain(flow.codeVerifier())
                .contains("redirect_uri=http%3A%2F%2Flocalhost%3A18501%2Fconsole%2Fsign-in%2Foidc%2Fcallback");
        assertThat(flow.toString()).doesNotContain(flow.state()).doesNotContain(flow.codeVerifier());
    }

    @Test
    void refusesAnIssuerThatIsNotHttpsAndAConfigurationWithoutClientOrAllowedValues() {
        PublicUrl publicUrl = new PublicUrl("http://localhost:18501", 0);
        assertThatThrownBy(() -> new OidcClient(config("http://sso.example.com/realms/x"), publicUrl))
                .hasMessageStartingWith("gatehouse.console.oidc.issuer must be an https URL");
        assertThatThrownBy(() -> new OidcClient(
                        new ConsoleOidcConfiguration(
                                "https://sso.example.com", null, null, null, List.of(), "groups", List.of("x"), "sub"),
                        publicUrl))
                .hasMessageStartingWith("gatehouse.console.oidc.client-id is required");
        assertThatThrownBy(() -> new OidcClient(
                        new ConsoleOidcConfiguration(
                                "https://sso.example.com", null, "c", "s", List.of(), "groups", null, "sub"),
                        publicUrl))
                .hasMessageStartingWith("gatehouse.console.oidc.allowed-values is required");
        assertThat(new ConsoleOidcConfiguration(
                                "https://sso.example.com", null, "c", "top-secret", List.of(), "groups", null, "sub")
                        .toString())
                .doesNotContain("top-secret");
    }

    private JWTClaimsSet goodClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(provider.issuerUrl(ISSUER_ID).toString())
                .audience(CLIENT)
                .subject("mallory")
                .claim("nonce", NONCE)
                .claim("groups", List.of("gatehouse-operators"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build();
    }

    private static void assertRejected(OidcClient.Outcome outcome) {
        assertThat(outcome).isInstanceOf(OidcClient.Outcome.Rejected.class);
    }
}
