package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.InstallationStatus;
import dev.gatehouse.domain.installation.RateLimit;
import dev.gatehouse.domain.installation.SiteUrl;
import dev.gatehouse.domain.port.AuditLog;
import dev.gatehouse.domain.port.Installations;
import dev.gatehouse.domain.port.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rename, disable, re-enable, set the internal API URL or the rate limit of an installation; any subset at once. */
public final class ChangeInstallation {

    /**
     * Absent fields stay as they are. {@code apiUrl} present and blank clears it.
     */
    public record Command(
            String actor,
            InstallationId id,
            Optional<String> name,
            Optional<InstallationStatus> status,
            Optional<String> apiUrl,
            Optional<RateLimitChange> rateLimit) {
        public Command {
            if (name.isEmpty() && status.isEmpty() && apiUrl.isEmpty() && rateLimit.isEmpty()) {
                throw new IllegalArgumentException(
                        "nothing to change: give at least one of name, status, api_url, rate_limit");
            }
        }

        public Command(
                String actor,
                InstallationId id,
                Optional<String> name,
                Optional<InstallationStatus> status,
                Optional<String> apiUrl) {
            this(actor, id, name, status, apiUrl, Optional.empty());
        }
    }

    /** @param limit the installation's own limit; null: follow the service default */
    public record RateLimitChange(RateLimit limit) {}

    private final Changes changes;

    public ChangeInstallation(Installations installations, AuditLog auditLog, Transactions transactions, Clock clock) {
        this.changes = new Changes(installations, auditLog, transactions, clock);
    }

    public ChangeResult change(Command command) {
        // Validate before touching storage, so bad input is a 400 and never a half-applied change.
        Optional<SiteUrl> apiUrl = command.apiUrl().filter(s -> !s.isBlank()).map(s -> SiteUrl.of(s, "api_url"));
        List<String> what = new ArrayList<>();
        command.name().ifPresent(n -> what.add("name"));
        command.status().ifPresent(s -> what.add("status=" + s));
        command.apiUrl()
                .ifPresent(u -> what.add("api_url=" + apiUrl.map(SiteUrl::value).orElse("(cleared)")));
        command.rateLimit()
                .ifPresent(r -> what.add("rate_limit="
                        + (r.limit() == null
                                ? "(default)"
                                : r.limit().perSecond() + "/s burst "
                                        + r.limit().burst())));
        String action = command.status()
                .map(s -> s == InstallationStatus.DISABLED ? "installation.disable" : "installation.enable")
                .filter(a -> command.name().isEmpty()
                        && command.apiUrl().isEmpty()
                        && command.rateLimit().isEmpty())
                .orElse("installation.change");
        return changes.apply(
                command.actor(),
                command.id(),
                action,
                (installation, now) -> {
                    Installation changed = installation;
                    if (command.name().isPresent()) {
                        changed = changed.rename(command.name().get(), now);
                    }
                    if (command.status().isPresent()) {
                        changed = command.status().get() == InstallationStatus.ACTIVE
                                ? changed.enable(now)
                                : changed.disable(now);
                    }
                    if (command.apiUrl().isPresent()) {
                        changed = changed.changeApiUrl(apiUrl.orElse(null), now);
                    }
                    if (command.rateLimit().isPresent()) {
                        changed = changed.changeRateLimit(
                                command.rateLimit().get().limit(), now);
                    }
                    return changed;
                },
                ChangeResult.Changed::new,
                String.join(", ", what));
    }
}
