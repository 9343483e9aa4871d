package dev.gatehouse.adapters.http.security;

import java.util.Base64;

/**
 * Whether the parts of a compact JWT are spelled in canonical base64url: the URL-safe alphabet, no padding, no other
 * characters and zero unused bits in the last character. Nimbus decodes leniently (it skips characters outside the
 * alphabet, accepts {@code +/} and {@code =}, and ignores unused bits), so other spellings of the same bytes would
 * pass as the token that was signed: one token, one spelling.
 */
public final class CanonicalBase64Url {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CanonicalBase64Url() {}

    /** True for exactly three dot-separated canonical parts, as sent: nothing trimmed or skipped first. */
    public static boolean isCompactJws(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            if (!isCanonical(part)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isCanonical(String text) {
        if (text.indexOf('=') >= 0) {
            return false; // the JDK decoder accepts padding; canonical base64url has none
        }
        try {
            return ENCODER.encodeToString(DECODER.decode(text)).equals(text);
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
    }
}
