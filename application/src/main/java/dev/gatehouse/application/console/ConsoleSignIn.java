package dev.gatehouse.application.console;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.ConsoleSignInLinks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One-time links into the operator console: an operator at a terminal asks for one ({@code gatehouse console-link}),
 * opening it once signs their browser in. Only the token's SHA-256 digest is stored; both steps are audited with the
 * operator as actor.
 */
public final class ConsoleSignIn {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final Duration MAX_TTL = Duration.ofHours(24);
    public static final Duration MIN_TTL = Duration.ofSeconds(30);

    /** Printable, no spaces or markup: it is shown on pages and written into the audit log as the actor. */
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A link's token, shown once to the operator who asked; never stored. */
    public record IssuedLink(String token, String operator, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedLink[token=redacted, operator=" + operator + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final ConsoleSignInLinks links;
    private final AuditLog auditLog;
    private final Clock clock;

    public ConsoleSignIn(ConsoleSignInLinks links, AuditLog auditLog, Clock clock) {
        this.links = links;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public IssuedLink issue(String operator, Duration ttl) {
        if (operator == null || !OPERATOR.matcher(operator).matches()) {
            throw new IllegalArgumentException(
                    "operator must be 1 to 64 letters, digits or . _ @ + - (it names you in the audit log)");
        }
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(
                    "ttl must be between " + MIN_TTL.toSeconds() + " s and " + MAX_TTL.toHours() + " h");
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        links.add(digest(token), operator, expiresAt);
        auditLog.append(new AuditEvent(
                now, actor(operator), null, "console.link", AuditOutcome.SUCCEEDED, "expires " + expiresAt));
        return new IssuedLink(token, operator, expiresAt);
    }

    /** The operator the link signs in, spending it; empty when it is unknown, spent or expired. */
    public Optional<String> signIn(String token) {
        Instant now = clock.instant();
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Optional<String> operator = links.spend(digest(token.strip()), now);
        auditLog.append(
                operator.map(o -> new AuditEvent(now, actor(o), null, "console.sign_in", AuditOutcome.SUCCEEDED, ""))
                        .orElseGet(() -> new AuditEvent(
                                now,
                                "console",
                                null,
                                "console.sign_in",
                                AuditOutcome.REFUSED,
                                "unknown, spent or expired link")));
        return operator;
    }

    /**
     * The operator an OpenID Connect provider vouched for (its ID token checked, its group allowed, by the caller),
     * audited as a sign-in; empty, and audited as a refusal, when the name it gives cannot name an operator here.
     */
    public Optional<String> signInWithProvider(String operator, String provider) {
        Instant now = clock.instant();
        if (operator == null || !OPERATOR.matcher(operator).matches()) {
            auditLog.append(new AuditEvent(
                    now,
                    "console",
                    null,
                    "console.sign_in",
                    AuditOutcome.REFUSED,
                    "OpenID Connect " + provider + ": the operator name it gives is not 1 to 64 letters, digits or"
                            + " . _ @ + -"));
            return Optional.empty();
        }
        auditLog.append(new AuditEvent(
                now, actor(operator), null, "console.sign_in", AuditOutcome.SUCCEEDED, "OpenID Connect " + provider));
        return Optional.of(operator);
    }

    /**
     * Audits an OpenID Connect sign-in that was refused ({@code reason} is ours, never a token); {@code operator} is
     * who the provider said it was, when it got that far.
     */
    public void refuseProviderSignIn(String operator, String provider, String reason) {
        String actor = operator != null && OPERATOR.matcher(operator).matches() ? actor(operator) : "console";
        auditLog.append(new AuditEvent(
                clock.instant(),
                actor,
                null,
                "console.sign_in",
                AuditOutcome.REFUSED,
                "OpenID Connect " + provider + ": " + reason));
    }

    /** Audits that the operator signed out (the session itself is the browser's cookie, cleared by the caller). */
    public void signOut(String operator) {
        auditLog.append(
                new AuditEvent(clock.instant(), actor(operator), null, "console.sign_out", AuditOutcome.SUCCEEDED, ""));
    }

    /** How the console's operators appear in the audit log, beside {@code admin:} for admin API tokens. */
    public static String actor(String operator) {
        return "console:" + operator;
    }

    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
