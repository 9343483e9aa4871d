package dev.gatehouse.domain.port;

import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import java.util.Optional;

/** The installations, with their secrets. Implementations keep secrets encrypted at rest. */
public interface Installations {

    Optional<Installation> findById(InstallationId id);

    /**
     * The installation when this replica already holds it fresh in memory, so no I/O is needed; empty means "not at
     * hand, ask {@link #findById}" (not "unknown"). Lets the call path stay on the event loop for known installations.
     */
    default Optional<Installation> findInMemory(InstallationId id) {
        return Optional.empty();
    }

    /** Ordered by creation time, oldest first; {@code page} counts from 0. */
    Page<Installation> list(int page, int size);

    /**
     * Like {@link #list}, only installations whose name or site URL contains {@code text}, ignoring case. Blank text
     * matches every installation.
     */
    Page<Installation> search(String text, int page, int size);

    /**
     * Stores a new installation and returns it as stored.
     *
     * @throws DuplicateSiteUrlException when another installation has the same site URL
     */
    Installation add(Installation installation);

    /**
     * Stores a changed installation if nobody changed it since {@code installation.version()} was read,
     * and returns it with its new version.
     *
     * @throws ConcurrentChangeException when the stored version differs or the installation is gone
     */
    Installation update(Installation installation);

    /** @return false when there was nothing to delete */
    boolean delete(InstallationId id);
}
