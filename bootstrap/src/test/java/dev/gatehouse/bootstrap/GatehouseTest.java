package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class GatehouseTest {

    @Test
    void aStartupFailureIsReportedByItsInnermostMessageOnOneLine() {
        RuntimeException framework = new RuntimeException(
                "Error instantiating bean\nMessage: ...\nPath Taken: ...",
                new IllegalArgumentException(
                        "GATEHOUSE_MASTER_KEY (gatehouse.master-key) decodes to 2 bytes\nsecond line"));
        assertThat(Gatehouse.rootMessage(framework))
                .isEqualTo("GATEHOUSE_MASTER_KEY (gatehouse.master-key) decodes to 2 bytes");
    }

    @Test
    void aBareSocketErrorIsReportedWithTheDriversMessageThatNamesTheHost() {
        RuntimeException framework = new RuntimeException(
                "Error instantiating bean",
                new IllegalStateException(
                        "Connection to 127.0.0.1:5499 refused. Check that the hostname and port are correct.",
                        new ConnectException("Connection refused")));
        assertThat(Gatehouse.rootMessage(framework)).startsWith("Connection to 127.0.0.1:5499 refused");
    }
}
