package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.adapters.http.mattermost.BindingJson.CallJson;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The app manifest (PROTOCOL.md §1). */
@Serdeable
public record ManifestJson(
        @JsonProperty("app_id") String appId,
        String version,
        @JsonProperty("homepage_url") String homepageUrl,
        @JsonProperty("display_name") String displayName,
        String description,
        String icon,
        @JsonProperty("requested_permissions") List<String> requestedPermissions,
        @JsonProperty("requested_locations") List<String> requestedLocations,
        CallJson bindings,
        @JsonProperty("on_install") CallJson onInstall,
        @JsonProperty("on_uninstall") CallJson onUninstall,
        @JsonProperty("get_oauth2_connect_url") CallJson getOAuth2ConnectUrl,
        @JsonProperty("on_oauth2_complete") CallJson onOAuth2Complete,
        HttpJson http) {

    @Serdeable
    public record HttpJson(
            @JsonProperty("root_url") String rootUrl,
            @JsonProperty("use_jwt") boolean useJwt) {}
}
