package dev.gatehouse.adapters.http.console;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * One OpenID Connect sign-in in flight: the values the callback must see again ({@code state}), the ID token must
 * carry ({@code nonce}) and the token request must prove ({@code codeVerifier}, PKCE S256). Held only by the browser
 * that started it, sealed in a cookie ({@link OidcFlowCookie}).
 */
record OidcFlow(String state, String nonce, String codeVerifier, Instant expiresAt) {

    OidcFlow {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    static OidcFlow start(Instant expiresAt) {
        return new OidcFlow(new State().getValue(), new Nonce().getValue(), new CodeVerifier().getValue(), expiresAt);
    }

    /** Constant time: the callback's state against the one this browser started with. */
    boolean stateMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OidcFlow[state=redacted, nonce=redacted, codeVerifier=redacted, expiresAt=" + expiresAt + "]";
    }
}
