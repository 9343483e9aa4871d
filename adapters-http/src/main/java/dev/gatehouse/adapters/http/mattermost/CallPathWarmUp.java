package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.adapters.http.limits.Bucket4jRateLimiter;
import dev.gatehouse.application.UseCases;
import dev.gatehouse.application.call.CommandCatalog;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.CallClaims;
import dev.gatehouse.domain.call.Caller;
import dev.gatehouse.domain.call.Ingress;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.CallTokenVerifier;
import dev.gatehouse.domain.port.RateLimiter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs the verified call's path before the replica is ready, so the first call Mattermost makes after a start (its
 * install ping gives up after 1–2 s) does not pay for class loading, bean creation and cold code.
 *
 * <p>Nothing it does can admit a request from outside. The admitted call runs in-process only: the real
 * {@link CallController} and token verifier, with a throw-away installation and key that exist in this method's
 * frame and are registered nowhere (not in the cache, not in the database), on a request object that never touched
 * the network. Over HTTP (loopback, the replica's own port) it sends only requests that are refused — a call of an
 * installation id that does not exist, a slash command without a token, the manifest of that id — so the network
 * stack, the router, the filters and the JSON writer get warm too. Those requests carry a per-start random marker
 * ({@link #HEADER}), accepted only while the warm-up runs and compared in constant time, so their refusals are
 * left out of the metrics, the refusal log and the audit log: operators see only real traffic.
 */
@Singleton
public final class CallPathWarmUp {

    /** Marks the warm-up's own HTTP requests; its value is random per start and valid only while the warm-up runs. */
    public static final String HEADER = "Gatehouse-Warm-Up";

    private static final String ATTRIBUTE = CallPathWarmUp.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String SITE = "https://warm-up.gatehouse.invalid";
    private static final String USER = "k86a9cy93f8azx7jjiy5xfq5jc";

    private final CallController controller;
    private final CallTokenVerifier verifier;
    private final JsonMapper json;
    private final Clock clock;
    private final UseCases useCases;
    private final CallMetrics metrics;

    /** Non-null only while a warm-up runs. */
    private volatile byte[] marker;

    CallPathWarmUp(
            CallController controller,
            CallTokenVerifier verifier,
            JsonMapper json,
            Clock clock,
            UseCases useCases,
            CallMetrics metrics) {
        this.controller = controller;
        this.metrics = metrics;
        this.verifier = verifier;
        this.json = json;
        this.clock = clock;
        this.useCases = useCases;
    }

    /**
     * Runs the call path {@code rounds} times in-process, then sends {@code rounds} refused requests of each kind to
     * {@code port} on loopback. Throws when a step does not answer as expected (the caller logs it and goes on). One
     * run at a time: the marker belongs to the run that set it.
     */
    public synchronized void run(int port, int rounds, Duration requestTimeout)
            throws IOException, InterruptedException {
        CommandCatalog catalog = useCases.catalog();
        for (CommandCatalog.Hook hook : CommandCatalog.Hook.values()) {
            metrics.prepare(Ingress.APPS, catalog.hook(hook).call().path(), "ok");
        }
        // the limiter's classes and code, on an instance of its own: the service's limiter never sees these ids
        RateLimiter limiter = new Bucket4jRateLimiter();
        for (int i = 0; i < rounds; i++) {
            limiter.tryAcquire(new InstallationId(UUID.randomUUID()), new RateLimit(100, 200));
            callInProcess("/ping");
            callInProcess("/bindings");
        }
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        String header = BASE64URL.encodeToString(value);
        marker = header.getBytes(StandardCharsets.US_ASCII);
        try {
            callsOverLoopback(port, rounds, header, requestTimeout);
        } finally {
            marker = null;
        }
    }

    /** The admitted path: verify a token, parse the CallRequest, run the call, write the CallResponse. */
    private void callInProcess(String path) throws IOException {
        Instant now = clock.instant();
        Secret key = Secret.generate();
        InstallationId id = new InstallationId(UUID.randomUUID());
        Installation installation = Installation.create(id, "warm-up", SiteUrl.of(SITE), null, key, now);
        String token = token(key, now);
        Admission<CallClaims> verified = verifier.verify(token, List.of(key), now);
        if (!(verified instanceof Admission.Admitted<CallClaims> admitted)) {
            throw new IllegalStateException("the warm-up token was refused: " + verified);
        }
        byte[] body = callRequest(path);
        MutableHttpRequest<byte[]> request =
                HttpRequest.POST("/i/" + id + path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
        CallMetrics.arrived(request);
        HttpResponse<?> response = controller
                .call(request, new Caller(installation, admitted.value()), id + path, body)
                .block();
        if (response == null || response.code() != 200 || response.body() == null) {
            throw new IllegalStateException("the in-process warm-up call did not answer 200");
        }
        json.writeValueAsBytes(response.body());
    }

    private void callsOverLoopback(int port, int rounds, String header, Duration timeout)
            throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port + CallRoutes.PREFIX + UUID.randomUUID();
        String token = token(Secret.generate(), clock.instant());
        // HTTP/1.1 as Mattermost speaks it (the JDK client would otherwise offer an h2c upgrade on every request)
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        for (int i = 0; i < rounds; i++) {
            send(
                    client,
                    java.net.http.HttpRequest.newBuilder(URI.create(base + "/bindings"))
                            .header("Content-Type", MediaType.APPLICATION_JSON)
                            .header(CallAuthenticationFilter.HEADER, "Bearer " + token)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(callRequest("/bindings"))),
                    header,
                    timeout,
                    404);
            send(
                    client,
                    java.net.http.HttpRequest.newBuilder(URI.create(base + "/command"))
                            .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "text=info&team_id=t&user_id=" + USER)),
                    header,
                    timeout,
                    -1);
            send(
                    client,
                    java.net.http.HttpRequest.newBuilder(URI.create(base + "/manifest.json"))
                            .GET(),
                    header,
                    timeout,
                    -1);
        }
    }

    /** @param expected the status the request must get, or -1 for any answer */
    private static void send(
            HttpClient client, java.net.http.HttpRequest.Builder request, String header, Duration timeout, int expected)
            throws IOException, InterruptedException {
        var response = client.send(
                request.header(HEADER, header).timeout(timeout).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        if (expected > 0 && response.statusCode() != expected) {
            throw new IllegalStateException(
                    "a warm-up request answered " + response.statusCode() + ", not " + expected);
        }
    }

    /**
     * Called by {@link CallAuthenticationFilter} on every call before anything is counted: marks the request as the
     * warm-up's when it carries the current marker. One volatile read when no warm-up runs.
     */
    void mark(HttpRequest<?> request) {
        byte[] current = marker;
        if (current == null) {
            return;
        }
        String presented = request.getHeaders().get(HEADER);
        if (presented != null && MessageDigest.isEqual(current, presented.getBytes(StandardCharsets.US_ASCII))) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE);
        }
    }

    /** True for the warm-up's own requests: they are not counted, logged or audited. */
    static boolean isWarmUp(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE).isPresent();
    }

    /** An HS256 token as Mattermost signs it: HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
    private static String token(Secret key, Instant now) {
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = encode("{\"exp\":" + (now.getEpochSecond() + 60) + ",\"acting_user_id\":\"" + USER + "\"}");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.keyBytes(), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + '.' + payload).getBytes(StandardCharsets.US_ASCII));
            return header + '.' + payload + '.' + BASE64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A CallRequest as Mattermost posts it, with the acting user expanded. */
    private static byte[] callRequest(String path) {
        return ("{\"path\":\"" + path + "\",\"expand\":{\"acting_user\":\"summary\"},\"context\":{\"app_id\":\"\","
                        + "\"mattermost_site_url\":\"" + SITE
                        + "\",\"app_path\":\"/plugins/com.mattermost.apps/apps/x\","
                        + "\"bot_user_id\":\"3sjcm1ztkbfhpnddz389ycq1pe\",\"oauth2\":{},\"acting_user\":{\"id\":\""
                        + USER + "\",\"username\":\"warm-up\",\"roles\":\"system_user\",\"locale\":\"en\","
                        + "\"is_bot\":false,\"delete_at\":0,\"timezone\":{\"useAutomaticTimezone\":\"true\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
