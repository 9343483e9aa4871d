package dev.gatehouse.adapters.sealing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The master key and the keys it replaced. Checked by {@link AesGcmSecretCipher} at start-up, with messages that name
 * the key and never the value.
 *
 * @param masterKey          {@code gatehouse.master-key} ({@code GATEHOUSE_MASTER_KEY}): base64 of 32 bytes
 * @param previousMasterKeys {@code gatehouse.previous-master-keys} ({@code GATEHOUSE_PREVIOUS_MASTER_KEYS}): keys that
 *                           still open what they sealed after a rotation
 */
@ConfigurationProperties(MasterKeyConfiguration.PREFIX)
public record MasterKeyConfiguration(
        @Nullable String masterKey, @Nullable List<String> previousMasterKeys) {

    public static final String PREFIX = "gatehouse";
    public static final String MASTER_KEY = PREFIX + ".master-key";
    public static final String PREVIOUS_MASTER_KEYS = PREFIX + ".previous-master-keys";

    @Override
    public String toString() {
        return "MasterKeyConfiguration[redacted]";
    }
}
