package dev.gatehouse.domain.port;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.installation.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Verifies the JWT Mattermost signs each call with (PROTOCOL.md §2): HS256 only, HMAC over the UTF-8 bytes of one of
 * the installation's accepted secrets, compared in constant time; {@code exp} required, not past by more than
 * {@link #CLOCK_SKEW} and not further ahead than {@link #MAX_LIFETIME} plus the skew (Mattermost issues
 * 15-minute tokens and no {@code iat}); {@code nbf} and {@code iat}, when present, not more than the skew ahead. A
 * token that is not exactly what a signer should make (another spelling of its parts, a payload that is not one JSON
 * object with sane claims) is refused as malformed, never an exception.
 */
public interface CallTokenVerifier {

    Duration CLOCK_SKEW = Duration.ofSeconds(60);
    Duration MAX_LIFETIME = Duration.ofMinutes(15);

    /**
     * @param token           the compact JWT, without the {@code Bearer} prefix
     * @param acceptedSecrets the installation's secrets accepted at {@code now}, current first
     */
    Admission<CallClaims> verify(String token, List<Secret> acceptedSecrets, Instant now);
}
