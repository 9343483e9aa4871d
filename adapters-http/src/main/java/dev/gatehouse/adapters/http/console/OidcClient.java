package dev.gatehouse.adapters.http.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.adapters.http.PublicUrl;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's OpenID Connect client (Nimbus OAuth 2.0 SDK): discovery from {@code <issuer>/.well-known/
 * openid-configuration} on first use (so a provider outage never stops Gatehouse from starting), the authorization
 * request with state, nonce and PKCE S256, the code exchanged at the token endpoint, and the ID token validated:
 * signature by a key from the provider's JWKS with an asymmetric algorithm only (never {@code none}, never HMAC with a
 * public key), {@code iss}, {@code aud}, {@code exp}/{@code iat} (one minute of skew), {@code nonce}.
 */
@Context // built at start-up, so a bad setting stops the start with a message naming it, not the first sign-in
@Requires(property = ConsoleOidcConfiguration.ISSUER)
final class OidcClient {

    private static final int TIMEOUT_MS = 5_000;
    private static final int MAX_JWKS_BYTES = 512 * 1024;

    /** The provider's signing algorithms we accept: public-key ones only. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.Ed25519,
            JWSAlgorithm.EdDSA);

    /** What the token endpoint and the ID token came to. */
    sealed interface Outcome {
        /** A valid ID token's claims. */
        record Verified(Map<String, Object> claims) implements Outcome {}

        /** The code or the token was refused; {@code reason} names why, never a token. */
        record Rejected(String reason) implements Outcome {}
    }

    /** The provider could not be reached or answered nonsense: not the operator's fault, so a page that says so. */
    static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    private final ConsoleOidcConfiguration config;
    private final Issuer issuer;
    private final ClientID clientId;
    private final Scope scope;
    private final URI redirectUri;
    private final OidcAccess access;
    private volatile Provider provider;

    OidcClient(ConsoleOidcConfiguration config, PublicUrl publicUrl) {
        this.config = config;
        URI issuerUri = issuerUri(config.issuer());
        this.issuer = new Issuer(issuerUri);
        if (config.clientId() == null || config.clientId().isBlank()) {
            throw new IllegalArgumentException(
                    ConsoleOidcConfiguration.PREFIX + ".client-id is required with an issuer");
        }
        this.clientId = new ClientID(config.clientId().strip());
        this.scope = new Scope("openid");
        config.scopes().stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(scope::add);
        this.redirectUri = URI.create(publicUrl.base() + ConsolePaths.OIDC_CALLBACK);
        this.access = new OidcAccess(
                config.allowedClaim(),
                Set.copyOf(config.allowedValues() == null ? List.of() : config.allowedValues()),
                config.operatorClaim());
    }

    private static URI issuerUri(String value) {
        String message = ConsoleOidcConfiguration.ISSUER
                + " must be an https URL (http only for localhost), the provider's issuer exactly as its discovery"
                + " document names it";
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message);
        }
        boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        if (uri.getHost() == null
                || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && local))
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalArgumentException(message);
        }
        return uri;
    }

    String providerName() {
        return config.displayName();
    }

    OidcAccess access() {
        return access;
    }

    /** Where to send the browser to sign in, for this flow. */
    URI authorizationRequest(OidcFlow flow) {
        return new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE), scope, clientId, redirectUri)
                .endpointURI(provider().metadata().getAuthorizationEndpointURI())
                .state(new State(flow.state()))
                .nonce(new Nonce(flow.nonce()))
                .codeChallenge(new CodeVerifier(flow.codeVerifier()), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Redeems the code (with the flow's PKCE verifier) and validates the ID token against the flow's nonce. */
    Outcome redeem(String code, OidcFlow flow) {
        OIDCProviderMetadata metadata = provider().metadata();
        var grant = new AuthorizationCodeGrant(
                new AuthorizationCode(code), redirectUri, new CodeVerifier(flow.codeVerifier()));
        ClientAuthentication authentication = clientAuthentication(metadata);
        TokenRequest request = authentication == null
                ? new TokenRequest(metadata.getTokenEndpointURI(), clientId, grant, null)
                : new TokenRequest(metadata.getTokenEndpointURI(), authentication, grant, null);
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw new ProviderUnavailable("the provider's token endpoint did not answer usably", e);
        }
        if (!response.indicatesSuccess()) {
            return new Outcome.Rejected("the token endpoint refused the code ("
                    + response.toErrorResponse().getErrorObject().getCode() + ")");
        }
        if (!(response.toSuccessResponse().getTokens() instanceof OIDCTokens tokens) || tokens.getIDToken() == null) {
            return new Outcome.Rejected("the token endpoint returned no ID token");
        }
        return verify(tokens.getIDToken(), flow.nonce());
    }

    /** The ID token's claims if it is valid for this client and this flow's nonce. */
    Outcome verify(JWT idToken, String nonce) {
        try {
            return new Outcome.Verified(
                    provider().validator().validate(idToken, new Nonce(nonce)).toJSONObject());
        } catch (BadJOSEException e) {
            return new Outcome.Rejected("the ID token is not valid (" + e.getMessage() + ")");
        } catch (JOSEException e) {
            // the JWKS could not be fetched or used
            throw new ProviderUnavailable("the provider's signing keys could not be used", e);
        }
    }

    /** client_secret_basic unless the provider takes only client_secret_post; none for a public client. */
    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        if (config.clientSecret() == null || config.clientSecret().isBlank()) {
            return null;
        }
        Secret secret = new Secret(config.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        if (methods != null
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(clientId, secret);
        }
        return new ClientSecretBasic(clientId, secret);
    }

    /** Discovered once, on first use; a failure is retried by the next sign-in. */
    private Provider provider() {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (provider == null) {
                provider = discover();
            }
            return provider;
        }
    }

    private Provider discover() {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MS, TIMEOUT_MS);
            URL jwks = metadata.getJWKSetURI().toURL();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(
                            jwks, new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_JWKS_BYTES))
                    .build();
            IDTokenValidator validator = new IDTokenValidator(
                    metadata.getIssuer(), clientId, new JWSVerificationKeySelector<>(ALGORITHMS, keys), null);
            validator.setMaxClockSkew(60);
            return new Provider(metadata, validator);
        } catch (GeneralException | IOException | RuntimeException e) {
            throw new ProviderUnavailable("the provider's discovery document could not be read", e);
        }
    }
}
