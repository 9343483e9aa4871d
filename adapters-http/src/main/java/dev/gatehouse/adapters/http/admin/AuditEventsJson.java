package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Audit events, newest first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty page still has "items": []
public record AuditEventsJson(List<AuditEventJson> items) {}
