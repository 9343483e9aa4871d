package dev.gatehouse.adapters.sealing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code gatehouse.secrets.*} read by the cipher.
 *
 * @param acceptUnbound {@code gatehouse.secrets.accept-unbound} ({@code GATEHOUSE_SECRETS_ACCEPT_UNBOUND}): also open
 *                      values in the old {@code gh1} format, which is bound to no owner; for the migration window
 *                      only (each is re-sealed bound when used, or by {@code gatehouse secrets reseal})
 */
@ConfigurationProperties(SealingConfiguration.PREFIX)
public record SealingConfiguration(
        @Bindable(defaultValue = "false") boolean acceptUnbound) {

    public static final String PREFIX = "gatehouse.secrets";
    public static final String ACCEPT_UNBOUND = PREFIX + ".accept-unbound";
}
