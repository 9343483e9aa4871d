package dev.gatehouse.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code gatehouse.secrets.*}: what secrets an operator may set by hand.
 *
 * @param allowWeak {@code gatehouse.secrets.allow-weak}: accept operator-chosen secrets under 32 characters (flagged
 *                  weak), for servers installed with one before Gatehouse
 */
@ConfigurationProperties(SecretsConfiguration.PREFIX)
public record SecretsConfiguration(boolean allowWeak) {

    public static final String PREFIX = "gatehouse.secrets";
}
