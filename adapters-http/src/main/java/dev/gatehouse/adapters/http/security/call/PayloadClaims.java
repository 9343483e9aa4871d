package dev.gatehouse.adapters.http.security.call;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The claims Gatehouse reads from a call token's signed payload, read strictly: one JSON object without duplicate
 * names (at any depth) and nothing after it; {@code exp}, {@code nbf} and {@code iat}, when present, finite numbers
 * (RFC 7519 NumericDate, seconds); {@code acting_user_id} a string (or null: absent). Other claims must be well-formed
 * JSON and are otherwise ignored. Anything else is malformed, never an exception.
 */
record PayloadClaims(Optional<Instant> exp, Optional<Instant> nbf, Optional<Instant> iat, String actingUserId) {

    static Optional<PayloadClaims> read(String json) {
        Optional<Instant> exp = Optional.empty();
        Optional<Instant> nbf = Optional.empty();
        Optional<Instant> iat = Optional.empty();
        String actingUser = null;
        try (JsonParser parser = CompactJws.JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "exp" -> exp = Optional.of(numericDate(parser, value));
                    case "nbf" -> nbf = Optional.of(numericDate(parser, value));
                    case "iat" -> iat = Optional.of(numericDate(parser, value));
                    case "acting_user_id" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            actingUser = parser.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return Optional.empty();
                        }
                    }
                    default -> parser.skipChildren(); // still read, so it must be well formed
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty(); // trailing text or a second value
            }
        } catch (IOException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.of(new PayloadClaims(exp, nbf, iat, actingUser));
    }

    /**
     * A present claim must be a finite number: {@code 1e400} or {@code null} is malformed. Far-off values saturate at
     * the millisecond range's ends, so they still compare as far past or far future instead of wrapping around.
     */
    private static Instant numericDate(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Instant.ofEpochMilli(saturatedMillis(parser.getLongValue()));
        }
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            double seconds = parser.getDoubleValue();
            if (Double.isFinite(seconds)) {
                return Instant.ofEpochMilli((long) (seconds * 1000)); // the cast saturates
            }
        }
        throw new IllegalArgumentException("not a NumericDate");
    }

    private static long saturatedMillis(long seconds) {
        try {
            return Math.multiplyExact(seconds, 1000);
        } catch (ArithmeticException overflow) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
