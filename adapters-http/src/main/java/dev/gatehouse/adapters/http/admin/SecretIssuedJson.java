package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to register and rotate: the installation plus its new secret, the only responses that ever carry one.
 */
@Serdeable
public record SecretIssuedJson(@JsonUnwrapped InstallationJson installation, String secret) {

    @Override
    public String toString() {
        return "SecretIssuedJson[" + installation + ", secret=redacted]";
    }
}
