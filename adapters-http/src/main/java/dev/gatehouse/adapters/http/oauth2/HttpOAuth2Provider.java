package dev.gatehouse.adapters.http.oauth2;

import dev.gatehouse.domain.oauth2.OAuth2ClientCredentials;
import dev.gatehouse.domain.oauth2.OAuth2ProviderException;
import dev.gatehouse.domain.oauth2.OAuth2Token;
import dev.gatehouse.domain.oauth2.UserProfile;
import dev.gatehouse.domain.port.OAuth2Provider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * RFC 6749 client for the operator's provider: authorization code and refresh token grants (form POST, client
 * authentication by HTTP Basic or in the body), and the userinfo endpoint. Blocking; callers run on the blocking
 * executor. Nothing secret reaches an exception message or a log line.
 */
@Singleton
public final class HttpOAuth2Provider implements OAuth2Provider {

    /** Tried in this order when no username claim is configured. */
    static final List<String> USERNAME_CLAIMS = List.of("preferred_username", "login", "username", "email");

    private final OAuth2ProviderConfiguration config;
    private final HttpClient client;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    public HttpOAuth2Provider(OAuth2ProviderConfiguration config, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        DefaultHttpClientConfiguration http = new DefaultHttpClientConfiguration();
        http.setConnectTimeout(config.getTimeout());
        http.setReadTimeout(config.getTimeout());
        http.setFollowRedirects(false);
        this.client = HttpClient.create(null, http);
        if (!config.isConfigured()) {
            LoggerFactory.getLogger(HttpOAuth2Provider.class)
                    .info(
                            "No OAuth2 provider is configured (set GATEHOUSE_OAUTH2_AUTHORIZE_URL, "
                                    + "GATEHOUSE_OAUTH2_TOKEN_URL and GATEHOUSE_OAUTH2_USERINFO_URL): the OAuth2 commands tell users it is not available");
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public boolean isConfigured() {
        return config.isConfigured();
    }

    @Override
    public String authorizeUrl(String clientId, String redirectUri, String state) {
        requireConfigured();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        if (!config.getScopes().isEmpty()) {
            query.put("scope", String.join(" ", config.getScopes()));
        }
        String base = config.getAuthorizeUrl();
        // %20 rather than '+' for spaces: every provider decodes it, whether or not it treats the query as a form.
        return base + (base.contains("?") ? "&" : "?") + form(query).replace("+", "%20");
    }

    @Override
    public OAuth2Token exchangeCode(OAuth2ClientCredentials credentials, String code, String redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        return tokenRequest(credentials, body, null);
    }

    @Override
    public OAuth2Token refresh(OAuth2ClientCredentials credentials, String refreshToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        return tokenRequest(credentials, body, refreshToken);
    }

    @Override
    public UserProfile userProfile(String accessToken) {
        requireConfigured();
        MutableHttpRequest<?> request = HttpRequest.GET(URI.create(config.getUserinfoUrl()))
                .bearerAuth(accessToken)
                .accept(MediaType.APPLICATION_JSON_TYPE);
        Map<String, Object> claims = send(request, "userinfo");
        String claim = config.getUsernameClaim();
        List<String> candidates = claim == null || claim.isBlank() ? USERNAME_CLAIMS : List.of(claim);
        for (String name : candidates) {
            Object value = claims.get(name);
            if (value != null && !value.toString().isBlank()) {
                return new UserProfile(value.toString());
            }
        }
        throw OAuth2ProviderException.refused("invalid_userinfo", "the userinfo response has none of " + candidates);
    }

    private OAuth2Token tokenRequest(
            OAuth2ClientCredentials credentials, Map<String, String> body, String previousRefreshToken) {
        requireConfigured();
        MutableHttpRequest<?> request = HttpRequest.POST(URI.create(config.getTokenUrl()), null)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE);
        if (config.getClientAuthentication() == OAuth2ProviderConfiguration.ClientAuthentication.BASIC) {
            // RFC 6749 §2.3.1: both parts form-urlencoded before Basic encoding.
            String pair = urlEncode(credentials.clientId()) + ":" + urlEncode(credentials.clientSecret());
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            body.put("client_id", credentials.clientId());
            body.put("client_secret", credentials.clientSecret());
        }
        Map<String, Object> answer = send(request.body(form(body)), "token");
        Object accessToken = answer.get("access_token");
        if (accessToken == null || accessToken.toString().isBlank()) {
            throw OAuth2ProviderException.refused(
                    String.valueOf(answer.getOrDefault("error", "invalid_response")),
                    answer.containsKey("error")
                            ? (String) answer.get("error_description")
                            : "no access_token in the token response");
        }
        Instant expiresAt = null;
        Object expiresIn = answer.get("expires_in");
        if (expiresIn != null) {
            try {
                expiresAt = clock.instant()
                        .plusSeconds(Long.parseLong(expiresIn.toString().split("\\.")[0]));
            } catch (NumberFormatException e) {
                expiresAt = null;
            }
        }
        Object refreshToken = answer.get("refresh_token");
        // RFC 6749 §6: the provider may keep the old refresh token by not returning a new one.
        return new OAuth2Token(
                accessToken.toString(),
                refreshToken != null ? refreshToken.toString() : previousRefreshToken,
                expiresAt);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(MutableHttpRequest<?> request, String endpoint) {
        String text;
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            text = response.getBody().orElse("");
        } catch (HttpClientResponseException e) {
            meters.counter(
                            "gatehouse.oauth2.provider.errors",
                            "endpoint",
                            endpoint,
                            "status",
                            String.valueOf(e.getStatus().getCode()))
                    .increment();
            String errorBody = e.getResponse().getBody(String.class).orElse("");
            Map<String, Object> error = parseOrEmpty(errorBody);
            if (error.get("error") != null) {
                throw OAuth2ProviderException.refused(
                        error.get("error").toString(),
                        error.get("error_description") == null
                                ? null
                                : error.get("error_description").toString());
            }
            if (e.getStatus().getCode() >= 500) {
                throw OAuth2ProviderException.unavailable(
                        endpoint + " endpoint answered HTTP " + e.getStatus().getCode(), null);
            }
            throw OAuth2ProviderException.refused(
                    e.getStatus().getCode() == 401
                            ? "invalid_token"
                            : "http_" + e.getStatus().getCode(),
                    endpoint + " endpoint answered HTTP " + e.getStatus().getCode());
        } catch (RuntimeException e) {
            meters.counter("gatehouse.oauth2.provider.errors", "endpoint", endpoint, "status", "unreachable")
                    .increment();
            throw OAuth2ProviderException.unavailable(
                    endpoint + " endpoint: " + e.getClass().getSimpleName(), null);
        }
        Map<String, Object> parsed = parseOrEmpty(text);
        if (parsed.isEmpty()) {
            meters.counter("gatehouse.oauth2.provider.errors", "endpoint", endpoint, "status", "bad_json")
                    .increment();
            throw OAuth2ProviderException.unavailable(
                    endpoint + " endpoint answered something other than a JSON object", null);
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parseOrEmpty(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Object value = json.readValue(text, Object.class);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private void requireConfigured() {
        if (!config.isConfigured()) {
            throw OAuth2ProviderException.unavailable(
                    "no OAuth2 provider is configured (set GATEHOUSE_OAUTH2_AUTHORIZE_URL, "
                            + "GATEHOUSE_OAUTH2_TOKEN_URL and GATEHOUSE_OAUTH2_USERINFO_URL)",
                    null);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
