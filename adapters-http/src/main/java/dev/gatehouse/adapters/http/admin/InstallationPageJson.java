package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of installations; {@code page} counts from 0, {@code total} counts all installations. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty page still has "items": []
public record InstallationPageJson(List<InstallationJson> items, int page, int size, long total) {}
