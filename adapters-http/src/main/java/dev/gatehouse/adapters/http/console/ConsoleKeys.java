package dev.gatehouse.adapters.http.console;

import dev.gatehouse.adapters.http.security.AdminConfiguration;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's keys, derived from the admin JWT secret (HMAC-SHA256 over a label per purpose), so every replica
 * holds the same ones without a new setting, and none of them verifies an admin token or another purpose's value.
 */
@Singleton
final class ConsoleKeys {

    private final byte[] session;
    private final byte[] csrf;
    private final byte[] flash;
    private final byte[] oidcFlow;

    ConsoleKeys(AdminConfiguration admin) {
        if (admin.jwtSecret() == null || admin.jwtSecret().isBlank()) {
            throw new IllegalStateException(
                    AdminConfiguration.JWT_SECRET + " is required: the operator console's keys are derived from it");
        }
        byte[] root = admin.jwtSecret().getBytes(StandardCharsets.UTF_8);
        this.session = derive(root, "gatehouse console session v1");
        this.csrf = derive(root, "gatehouse console csrf v1");
        this.flash = derive(root, "gatehouse console flash v1");
        this.oidcFlow = derive(root, "gatehouse console oidc flow v1");
    }

    byte[] session() {
        return session.clone();
    }

    byte[] csrf() {
        return csrf.clone();
    }

    byte[] flash() {
        return flash.clone();
    }

    byte[] oidcFlow() {
        return oidcFlow.clone();
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] derive(byte[] root, String label) {
        return hmac(root, label);
    }

    @Override
    public String toString() {
        return "ConsoleKeys[redacted]";
    }
}
