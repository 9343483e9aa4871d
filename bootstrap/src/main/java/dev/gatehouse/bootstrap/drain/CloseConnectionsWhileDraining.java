package dev.gatehouse.bootstrap.drain;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * While draining, every answer carries {@code Connection: close}: the server closes the connection after it, the
 * client knows not to reuse it, and no request races a close on an idle keep-alive connection at shutdown.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CloseConnectionsWhileDraining {

    private final ReplicaDrain drain;

    CloseConnectionsWhileDraining(ReplicaDrain drain) {
        this.drain = drain;
    }

    @ResponseFilter
    void close(MutableHttpResponse<?> response) {
        if (drain.draining()) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
    }
}
