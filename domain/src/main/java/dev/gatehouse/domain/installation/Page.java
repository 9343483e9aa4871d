package dev.gatehouse.domain.installation;

import java.util.List;
import java.util.Objects;

/** One page of a listing; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (page < 0 || size < 1 || total < 0) {
            throw new IllegalArgumentException("invalid page");
        }
    }
}
