package dev.gatehouse.adapters.http.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.call.Binding;
import dev.gatehouse.domain.call.CallOutcome;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializedBindingsTest {

    private final JsonMapper json = JsonMapper.createDefault();
    private final SerializedBindings serialized = new SerializedBindings(json);

    private static CallOutcome.Bindings bindings(String label) {
        return new CallOutcome.Bindings(
                List.of(Binding.location("/command", List.of(Binding.location(label, List.of())))));
    }

    @Test
    void writesExactlyWhatSerdeWritesAndReusesItForTheSameList() throws IOException {
        CallOutcome.Bindings forUsers = bindings("users");
        byte[] first = serialized.of(forUsers);
        assertThat(first).isEqualTo(json.writeValueAsBytes(CallResponseJson.of(forUsers)));
        assertThat(serialized.of(forUsers)).isSameAs(first);
    }

    @Test
    void looksUpByIdentityAndStaysBounded() throws IOException {
        CallOutcome.Bindings forUsers = bindings("users");
        byte[] cached = serialized.of(forUsers);
        assertThat(serialized.of(bindings("users"))).isNotSameAs(cached).isEqualTo(cached);
        for (int i = 0; i < SerializedBindings.MAX_ENTRIES * 2; i++) {
            CallOutcome.Bindings other = bindings("other " + i);
            assertThat(serialized.of(other)).isEqualTo(json.writeValueAsBytes(CallResponseJson.of(other)));
        }
        assertThat(serialized.of(forUsers)).isSameAs(cached);
    }
}
