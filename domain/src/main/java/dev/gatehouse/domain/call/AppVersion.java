package dev.gatehouse.domain.call;

import java.util.Objects;
import java.util.regex.Pattern;

/** The app version in the manifest: Mattermost refuses more than 10 characters or anything but {@code [A-Za-z0-9._-]}. */
public record AppVersion(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,10}");

    public AppVersion {
        Objects.requireNonNull(value, "app version is required");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "app version must be 1 to 10 characters of letters, digits, '.', '_' or '-', for example v1.2.0");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
