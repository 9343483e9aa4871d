package dev.gatehouse.adapters.persistence.oauth2;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** One row of {@code oauth2_client} as it is read: the client secret is sealed text, bound to the installation. */
@MappedEntity("oauth2_client")
public record OAuth2ClientRow(@Id UUID installationId, String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "OAuth2ClientRow[installationId=" + installationId + ", clientId=" + clientId + "]";
    }
}
