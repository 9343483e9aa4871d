package dev.gatehouse.adapters.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code gatehouse.*} as the Mattermost-facing side reads it: the app id Mattermost knows the app by, and the URL
 * Mattermost reaches Gatehouse at. Checked where they are used ({@code MattermostApp}, {@link PublicUrl}), with
 * messages that name the key.
 *
 * @param appId     {@code gatehouse.app-id} ({@code GATEHOUSE_APP_ID}): also the slash command and the bot's name
 * @param publicUrl {@code gatehouse.public-url} ({@code GATEHOUSE_PUBLIC_URL}); unset, manifests point at localhost
 */
@ConfigurationProperties(AppConfiguration.PREFIX)
public record AppConfiguration(
        @Bindable(defaultValue = "hello-jwt") String appId,
        @Nullable String publicUrl) {

    public static final String PREFIX = "gatehouse";
    public static final String APP_ID = PREFIX + ".app-id";
    public static final String PUBLIC_URL = PREFIX + ".public-url";
}
