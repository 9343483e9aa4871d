package dev.gatehouse.adapters.http.mattermost;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.domain.call.AppCall;
import dev.gatehouse.domain.call.Binding;
import dev.gatehouse.domain.call.Form;
import dev.gatehouse.domain.call.FormField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** A binding as Mattermost reads it (PROTOCOL.md §5); absent parts are left out, not sent as null. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BindingJson(
        @Nullable String location,
        @Nullable String label,
        @Nullable String icon,
        @Nullable String hint,
        @Nullable String description,
        @Nullable CallJson submit,
        @Nullable FormJson form,
        @Nullable List<BindingJson> bindings) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CallJson(String path, @Nullable Map<String, String> expand) {
        static CallJson of(AppCall call) {
            return new CallJson(call.path(), call.expand());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FormJson(String title, @Nullable String icon, CallJson submit, List<FieldJson> fields) {
        static FormJson of(Form form) {
            return new FormJson(
                    form.title(),
                    form.icon(),
                    CallJson.of(form.submit()),
                    form.fields().stream().map(FieldJson::of).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldJson(
            String name,
            String type,
            @Nullable String subtype,
            @Nullable String label,
            @Nullable String hint,
            @JsonProperty("is_required") boolean required,
            @Nullable Integer position) {
        static FieldJson of(FormField field) {
            return new FieldJson(
                    field.name(),
                    field.type(),
                    field.subtype(),
                    field.label(),
                    field.hint(),
                    field.required(),
                    field.position() == 0 ? null : field.position());
        }
    }

    static BindingJson of(Binding binding) {
        return new BindingJson(
                binding.location(),
                binding.label(),
                binding.icon(),
                binding.hint(),
                binding.description(),
                binding.submit() == null ? null : CallJson.of(binding.submit()),
                binding.form() == null ? null : FormJson.of(binding.form()),
                binding.bindings() == null
                        ? null
                        : binding.bindings().stream().map(BindingJson::of).toList());
    }
}
