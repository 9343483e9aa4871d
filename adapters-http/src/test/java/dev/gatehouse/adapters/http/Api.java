package dev.gatehouse.adapters.http;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Real HTTP against the test server; every reply, error or not, as status + headers + parsed JSON. */
public final class Api {

    public record Reply(int status, HttpHeaders headers, String body, Map<String, Object> json) {

        public String contentType() {
            return headers.get(HttpHeaders.CONTENT_TYPE);
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json.get("items");
        }

        public String detail() {
            return (String) json.get("detail");
        }
    }

    private final HttpClient client;
    private final JsonMapper json;

    public Api(HttpClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    public Reply send(MutableHttpRequest<?> request) {
        HttpResponse<String> response;
        try {
            response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            response = (HttpResponse<String>) e.getResponse();
            String body = e.getResponse().getBody(String.class).orElse(null);
            return new Reply(response.code(), response.getHeaders(), body, parse(body));
        }
        String body = response.body();
        return new Reply(response.code(), response.getHeaders(), body, parse(body));
    }

    /** Same request with the given admin token. */
    public Reply as(String token, MutableHttpRequest<?> request) {
        return send(request.bearerAuth(token));
    }

    private Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
