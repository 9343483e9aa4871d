package dev.gatehouse.adapters.http.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Audit events, newest first. */
@Serdeable
public record AuditEventsJson(List<AuditEventJson> items) {
}
