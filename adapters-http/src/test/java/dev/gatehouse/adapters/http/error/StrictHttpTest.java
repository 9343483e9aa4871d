package dev.gatehouse.adapters.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.GatehouseOnFakes;
import dev.gatehouse.domain.installation.InstallationId;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Request-smuggling hygiene, over a raw socket (an HTTP client would not send these): a request whose body length is
 * ambiguous gets 400 and the connection is closed, so nothing after it is read as another request; headers over the
 * limit get 431.
 */
@MicronautTest(environments = GatehouseOnFakes.ENVIRONMENT)
class StrictHttpTest {

    @Inject
    EmbeddedServer server;

    private final String path = "/i/" + InstallationId.random() + "/ping";

    /** What the server wrote before closing the connection, or before 5 s passed with the connection open. */
    private record Exchange(String response, boolean closed) {
        int status() {
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private Exchange send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                }
                return new Exchange(response.toString(StandardCharsets.ISO_8859_1), true);
            } catch (SocketTimeoutException stillOpen) {
                return new Exchange(response.toString(StandardCharsets.ISO_8859_1), false);
            }
        }
    }

    private String post(String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers + "\r\n"
                + body;
    }

    /** A second request on the same connection: a smuggled one must never be answered. */
    private String smuggled() {
        return "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    @Test
    void bothContentLengthAndTransferEncodingIs400AndTheConnectionIsClosed() throws IOException {
        Exchange exchange = send(post("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") + smuggled());

        assertThat(exchange.status()).isEqualTo(400);
        assertThat(exchange.closed()).isTrue();
        assertThat(exchange.response()).containsOnlyOnce("HTTP/1.1").containsIgnoringCase("connection: close");
    }

    @Test
    void aTransferEncodingOtherThanExactlyChunkedIs400AndTheConnectionIsClosed() throws IOException {
        for (String transferEncoding : new String[] {
            "Transfer-Encoding: chunked, identity\r\n",
            "Transfer-Encoding: identity, chunked\r\n",
            "Transfer-Encoding: identity\r\n",
            "Transfer-Encoding: gzip, chunked\r\n",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"
        }) {
            Exchange exchange = send(post(transferEncoding, "2\r\n{}\r\n0\r\n\r\n") + smuggled());

            assertThat(exchange.status()).as(transferEncoding).isEqualTo(400);
            assertThat(exchange.closed()).as(transferEncoding).isTrue();
            assertThat(exchange.response()).as(transferEncoding).containsOnlyOnce("HTTP/1.1");
        }
    }

    @Test
    void aPlainChunkedOrContentLengthRequestIsServedAsBefore() throws IOException {
        Exchange chunked = send(post("Transfer-Encoding: chunked\r\nConnection: close\r\n", "2\r\n{}\r\n0\r\n\r\n"));
        Exchange sized = send(post("Content-Length: 2\r\nConnection: close\r\n", "{}"));

        // an unknown installation: the request reached the route
        assertThat(chunked.status()).isEqualTo(404);
        assertThat(sized.status()).isEqualTo(404);
    }

    @Test
    void headersOverTheLimitAre431() throws IOException {
        Exchange exchange =
                send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(20_000) + "\r\n\r\n");

        assertThat(exchange.status()).isEqualTo(431);
        assertThat(exchange.response()).contains("headers are too large").doesNotContainIgnoringCase("body");
        assertThat(exchange.closed()).isTrue();
    }

    @Test
    void aRequestLineOverTheLimitIs414() throws IOException {
        Exchange exchange = send("GET /health?" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(exchange.status()).isEqualTo(414);
        assertThat(exchange.response()).doesNotContainIgnoringCase("body");
        assertThat(exchange.closed()).isTrue();
    }
}
