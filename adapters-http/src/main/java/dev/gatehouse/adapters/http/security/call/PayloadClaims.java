package dev.gatehouse.adapters.http.security.call;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The claims Gatehouse reads from a call token's signed payload, read strictly: one JSON object without duplicate
 * names; {@code exp}, {@code nbf} and {@code iat}, when present, finite numbers (RFC 7519 NumericDate, seconds);
 * {@code acting_user_id} a string. Anything else is malformed, never an exception.
 */
record PayloadClaims(Optional<Instant> exp, Optional<Instant> nbf, Optional<Instant> iat, String actingUserId) {

    static Optional<PayloadClaims> read(String json) {
        Map<String, Object> payload;
        try {
            payload = JSONObjectUtils.parse(json); // refuses duplicate names, trailing text and non-objects
        } catch (ParseException | RuntimeException malformed) {
            return Optional.empty();
        }
        Object actingUser = payload.get("acting_user_id");
        if (actingUser != null && !(actingUser instanceof String)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PayloadClaims(
                    numericDate(payload, "exp"), numericDate(payload, "nbf"), numericDate(payload, "iat"), (String)
                            actingUser));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * A present claim must be a finite number: {@code 1e400} or {@code null} is malformed. Far-off values saturate at
     * the millisecond range's ends, so they still compare as far past or far future instead of wrapping around.
     */
    private static Optional<Instant> numericDate(Map<String, Object> payload, String name) {
        if (!payload.containsKey(name)) {
            return Optional.empty();
        }
        if (!(payload.get(name) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new IllegalArgumentException(name + " is not a NumericDate");
        }
        if (number instanceof Long seconds) {
            return Optional.of(Instant.ofEpochMilli(saturatedMillis(seconds)));
        }
        return Optional.of(Instant.ofEpochMilli((long) (number.doubleValue() * 1000))); // the cast saturates
    }

    private static long saturatedMillis(long seconds) {
        try {
            return Math.multiplyExact(seconds, 1000);
        } catch (ArithmeticException overflow) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
