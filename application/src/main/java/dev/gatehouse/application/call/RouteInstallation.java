package dev.gatehouse.application.call;

import dev.gatehouse.domain.call.Admission;
import dev.gatehouse.domain.call.RejectionReason;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.port.Installations;
import java.util.Optional;

/**
 * The installation a route names ({@code /i/{id}/…}): tenancy comes from the URL, never from the unverified request.
 * Both ingresses decide with it, first without I/O (the installation in this replica's memory), else from storage.
 */
public final class RouteInstallation {

    private RouteInstallation() {}

    /**
     * @param segment      the id segment of the route, as sent
     * @param inMemoryOnly look only in this replica's memory; empty then means "ask again where I/O is allowed"
     * @return the installation, or refused as unknown
     */
    public static Optional<Admission<Installation>> find(
            Installations installations, String segment, boolean inMemoryOnly) {
        Optional<InstallationId> id = InstallationId.tryParse(segment);
        if (id.isEmpty()) {
            return Optional.of(Admission.refused(RejectionReason.INSTALLATION_UNKNOWN));
        }
        Optional<Installation> found =
                inMemoryOnly ? installations.findInMemory(id.get()) : installations.findById(id.get());
        if (found.isPresent()) {
            return Optional.of(Admission.admitted(found.get()));
        }
        return inMemoryOnly ? Optional.empty() : Optional.of(Admission.refused(RejectionReason.INSTALLATION_UNKNOWN));
    }
}
