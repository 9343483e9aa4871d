package dev.gatehouse.domain.call;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Mattermost "Call": the app path Mattermost posts to and what it expands into the call's context
 * (PROTOCOL.md §1, §3.2). Only the expand keys and levels Mattermost v1.2 accepts are allowed, so a binding
 * can never be silently dropped by the plugin.
 */
public record AppCall(String path, Map<String, String> expand) {

    private static final Set<String> KEYS = Set.of(
            "app",
            "acting_user",
            "acting_user_access_token",
            "locale",
            "channel",
            "channel_member",
            "team",
            "team_member",
            "post",
            "root_post",
            "user",
            "oauth2_app",
            "oauth2_user");
    private static final Pattern LEVEL = Pattern.compile("\\+?(id|summary|all)");

    public AppCall {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("call path must start with '/'");
        }
        expand = Map.copyOf(Objects.requireNonNull(expand, "expand"));
        expand.forEach((key, level) -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown expand key " + key);
            }
            if (!LEVEL.matcher(level).matches()) {
                throw new IllegalArgumentException("expand level of " + key + " must be id, summary or all");
            }
        });
    }

    public static AppCall to(String path) {
        return new AppCall(path, Map.of());
    }

    public static AppCall to(String path, Map<String, String> expand) {
        return new AppCall(path, expand);
    }
}
