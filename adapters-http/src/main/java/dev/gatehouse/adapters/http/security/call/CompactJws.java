package dev.gatehouse.adapters.http.security.call;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A call token read as a compact JWS (RFC 7515 §7.1), strictly: exactly three dot-separated parts, each in canonical
 * base64url (the URL-safe alphabet, no padding, zero unused bits: one token, one spelling); a header that is one JSON
 * object without duplicate names whose {@code alg} is the string {@code HS256}, whose {@code typ}, if any, is a string,
 * and without {@code crit} (we understand no extensions, RFC 7515 §4.1.11). The payload is returned as text, still
 * unread: it is trusted only once the signature is checked ({@link PayloadClaims}).
 *
 * <p>Read here rather than by Nimbus, whose {@code JWTParser} decodes leniently (so the canonical spelling had to be
 * checked a second time) and parses the header through Gson into a typed object Gatehouse does not use: the two
 * cost a tenth of the verified call's CPU (ADR 0015). JSON is read by Jackson's streaming parser, strictly.
 */
record CompactJws(byte[] signingInput, byte[] signature, String payload) {

    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** The token's parts, or why it is refused: {@code TOKEN_MALFORMED}, or {@code TOKEN_ALGORITHM} for a non-HS256 one. */
    static Admission<CompactJws> read(String token) {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            return Admission.refused(RejectionReason.TOKEN_MALFORMED);
        }
        if (!isCanonicalBase64Url(token, 0, firstDot)
                || !isCanonicalBase64Url(token, firstDot + 1, secondDot)
                || !isCanonicalBase64Url(token, secondDot + 1, token.length())) {
            return Admission.refused(RejectionReason.TOKEN_MALFORMED);
        }
        String header = utf8(decode(token, 0, firstDot));
        RejectionReason headerProblem = headerProblem(header);
        if (headerProblem != null) {
            return Admission.refused(headerProblem);
        }
        return Admission.admitted(new CompactJws(
                token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII),
                decode(token, secondDot + 1, token.length()),
                utf8(decode(token, firstDot + 1, secondDot))));
    }

    /** Null for a header this verifier accepts. */
    private static RejectionReason headerProblem(String header) {
        String algorithm = null;
        try (JsonParser json = JSON.createParser(header)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return RejectionReason.TOKEN_MALFORMED;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "alg", "typ" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return RejectionReason.TOKEN_MALFORMED;
                        }
                        if (name.equals("alg")) {
                            algorithm = json.getText();
                        }
                    }
                    case "crit" -> {
                        return RejectionReason.TOKEN_MALFORMED;
                    }
                    default -> json.skipChildren(); // still read, so it must be well formed
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                return RejectionReason.TOKEN_MALFORMED;
            }
        } catch (IOException | RuntimeException malformed) {
            return RejectionReason.TOKEN_MALFORMED;
        }
        if (algorithm == null) {
            return RejectionReason.TOKEN_MALFORMED;
        }
        return algorithm.equals("HS256") ? null : RejectionReason.TOKEN_ALGORITHM;
    }

    /**
     * Canonical base64url of {@code text[from, to)}: only {@code A-Z a-z 0-9 - _}, no padding, a length a decoder can
     * read (not 1 modulo 4), and zero unused low bits in the last character, which decoders otherwise ignore.
     */
    private static boolean isCanonicalBase64Url(String text, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            last = sextet(text.charAt(i));
            if (last < 0) {
                return false;
            }
        }
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0; // 12 bits carry 8
            case 3 -> (last & 0x03) == 0; // 18 bits carry 16
            default -> true;
        };
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /** Decodes a part already checked canonical. */
    private static byte[] decode(String token, int from, int to) {
        return BASE64URL.decode(token.substring(from, to).getBytes(StandardCharsets.US_ASCII));
    }

    /** As Nimbus read them: UTF-8, an invalid sequence becoming U+FFFD (then refused or ignored as any other text). */
    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
