package dev.gatehouse.application.slash;

import dev.gatehouse.application.call.RateLimits;
import dev.gatehouse.application.call.RouteInstallation;
import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.SlashCommand;
import dev.gatehouse.domain.port.Installations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a slash command comes from the Mattermost server of the installation its route names (CLASSIC.md
 * §2): its token — from {@code Authorization: Token …}, else the {@code token} field — must be the token of one of the
 * installation's commands, and that command's team must be the request's team. The installation's command tokens are
 * cached with it, so a known installation is decided without I/O. Whether the installation is disabled is answered
 * afterwards, with a 200: the caller is a verified Mattermost server.
 */
public final class AuthenticateSlashCommand {

    private static final String TOKEN_SCHEME = "token ";

    private final Installations installations;
    private final RateLimits rateLimits;

    public AuthenticateSlashCommand(Installations installations, RateLimits rateLimits) {
        this.installations = installations;
        this.rateLimits = rateLimits;
    }

    public Admission<Installation> authenticate(SlashCommandRequest request) {
        return authenticate(request, false).orElseThrow();
    }

    /** The same decision when it needs no I/O; empty when {@link #authenticate} must run where it may block. */
    public Optional<Admission<Installation>> authenticateWithoutBlocking(SlashCommandRequest request) {
        return authenticate(request, true);
    }

    private Optional<Admission<Installation>> authenticate(SlashCommandRequest request, boolean inMemoryOnly) {
        return RouteInstallation.find(installations, request.installationId(), inMemoryOnly)
                .map(found -> found.flatMap(installation -> check(installation, request))
                        .flatMap(installation -> rateLimits.admit(installation, installation)));
    }

    private static Admission<Installation> check(Installation installation, SlashCommandRequest request) {
        String fromHeader = fromHeader(request.authorization());
        String fromField = blankToNull(request.token());
        if (fromHeader == null && fromField == null) {
            return Admission.refused(RejectionReason.COMMAND_TOKEN_MISSING);
        }
        if (fromHeader != null && fromField != null && !sameToken(fromHeader, fromField)) {
            return Admission.refused(RejectionReason.COMMAND_TOKENS_DIFFER);
        }
        Optional<SlashCommand> command = installation.slashCommandFor(fromHeader != null ? fromHeader : fromField);
        if (command.isEmpty()) {
            return Admission.refused(RejectionReason.COMMAND_TOKEN_UNKNOWN);
        }
        if (!command.get().teamId().equals(request.teamId())) {
            return Admission.refused(RejectionReason.COMMAND_TEAM_MISMATCH);
        }
        return Admission.admitted(installation);
    }

    /**
     * {@code Token <t>}, the scheme in any case. Enterprise servers with an outgoing OAuth connection send
     * {@code Bearer …} instead and keep the command token in the field: such a header names no command token.
     */
    private static String fromHeader(String authorization) {
        if (authorization == null
                || authorization.length() <= TOKEN_SCHEME.length()
                || !authorization
                        .substring(0, TOKEN_SCHEME.length())
                        .toLowerCase(Locale.ROOT)
                        .equals(TOKEN_SCHEME)) {
            return null;
        }
        return blankToNull(authorization.substring(TOKEN_SCHEME.length()).strip());
    }

    private static boolean sameToken(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
