package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.installation.ConcurrentChangeException;
import dev.gatehouse.domain.installation.DuplicateSiteUrlException;
import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.port.Installations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory fake of the port; passes the same {@code InstallationsContract} as the JDBC adapter. */
public final class InMemoryInstallations implements Installations {

    private final Map<InstallationId, Installation> byId = new LinkedHashMap<>();

    @Override
    public synchronized Optional<Installation> findById(InstallationId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Page<Installation> list(int page, int size) {
        return search("", page, size);
    }

    @Override
    public synchronized Page<Installation> search(String text, int page, int size) {
        String needle = text.strip().toLowerCase(java.util.Locale.ROOT);
        List<Installation> all = new ArrayList<>(byId.values().stream()
                .filter(i -> i.name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                        || i.siteUrl()
                                .value()
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains(needle))
                .toList());
        all.sort(Comparator.comparing(Installation::createdAt).thenComparing(i -> i.id().value()));
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new Page<>(all.subList(from, to), page, size, all.size());
    }

    @Override
    public synchronized Installation add(Installation installation) {
        if (byId.values().stream()
                .anyMatch(
                        i -> i.siteUrl().server().equals(installation.siteUrl().server()))) {
            throw new DuplicateSiteUrlException(installation.siteUrl());
        }
        if (byId.containsKey(installation.id())) {
            throw new IllegalStateException("id already used");
        }
        Installation stored = withVersion(installation, 0);
        byId.put(installation.id(), stored);
        return stored;
    }

    @Override
    public synchronized Installation update(Installation installation) {
        Installation current = byId.get(installation.id());
        if (current == null || current.version() != installation.version()) {
            throw new ConcurrentChangeException(installation.id());
        }
        Installation stored = withVersion(installation, installation.version() + 1);
        byId.put(installation.id(), stored);
        return stored;
    }

    @Override
    public synchronized boolean delete(InstallationId id) {
        return byId.remove(id) != null;
    }

    private static Installation withVersion(Installation i, long version) {
        return Installation.restore(
                i.id(),
                i.name(),
                i.siteUrl(),
                i.apiUrl().orElse(null),
                i.status(),
                i.secret(),
                i.previousSecret().orElse(null),
                i.botUserId().orElse(null),
                i.installedAt().orElse(null),
                i.uninstalledAt().orElse(null),
                i.createdAt(),
                i.updatedAt(),
                version,
                i.bot().orElse(null),
                i.slashCommands(),
                i.rateLimit().orElse(null),
                i.secretSetAt());
    }
}
