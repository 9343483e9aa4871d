package dev.gatehouse.domain.call;

import java.util.List;
import java.util.Objects;

/** A Mattermost form opened by a binding; submitted to {@code submit}. */
public record Form(String title, String icon, AppCall submit, List<FormField> fields) {

    public Form {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(submit, "a form needs a submit call");
        fields = List.copyOf(fields);
    }
}
