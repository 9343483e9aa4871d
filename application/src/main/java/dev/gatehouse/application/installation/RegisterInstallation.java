package dev.gatehouse.application.installation;

import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditOutcome;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Secret;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;
import java.time.Instant;

/** An operator registers a Mattermost server; it gets a fresh secret to paste into Mattermost's install dialog. */
public final class RegisterInstallation {

    /**
     * {@code apiUrl} may be null. Value checks happen here, so bad input fails before anything is stored; refusals
     * name the fields as operators write them (site_url, api_url).
     */
    public record Command(String actor, String name, String siteUrl, String apiUrl) {}

    public sealed interface Result {
        /** The secret is returned this once; it is never shown again. */
        record Registered(Installation installation, Secret secret) implements Result {
            @Override
            public String toString() {
                return "Registered[" + installation + ", secret=redacted]";
            }
        }

        record DuplicateSiteUrl(SiteUrl siteUrl) implements Result {}
    }

    private final Installations installations;
    private final AuditLog auditLog;
    private final Transactions transactions;
    private final Clock clock;

    public RegisterInstallation(
            Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.installations = installations;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Result register(Command command) {
        SiteUrl siteUrl = SiteUrl.of(command.siteUrl(), "site_url");
        SiteUrl apiUrl =
                command.apiUrl() == null || command.apiUrl().isBlank() ? null : SiteUrl.of(command.apiUrl(), "api_url");
        Instant now = clock.instant();
        Secret secret = Secret.generate();
        Installation candidate =
                Installation.create(InstallationId.random(), command.name(), siteUrl, apiUrl, secret, now);
        try {
            Installation stored = transactions.inTransaction(() -> {
                Installation saved = installations.add(candidate);
                auditLog.append(new AuditEvent(
                        now,
                        command.actor(),
                        saved.id(),
                        "installation.register",
                        AuditOutcome.SUCCEEDED,
                        "site_url=" + siteUrl));
                return saved;
            });
            return new Result.Registered(stored, secret);
        } catch (DuplicateSiteUrlException e) {
            auditLog.append(new AuditEvent(
                    now,
                    command.actor(),
                    null,
                    "installation.register",
                    AuditOutcome.REFUSED,
                    "duplicate site_url=" + siteUrl));
            return new Result.DuplicateSiteUrl(siteUrl);
        }
    }
}
