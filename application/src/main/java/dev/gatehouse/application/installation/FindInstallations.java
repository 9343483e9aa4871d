package dev.gatehouse.application.installation;

import dev.gatehouse.domain.installation.Installation;
import dev.gatehouse.domain.installation.InstallationId;
import dev.gatehouse.domain.installation.Page;
import dev.gatehouse.domain.port.Installations;
import java.util.Optional;

/** Reading installations for operators; bounds the page size so one request cannot pull the whole table. */
public final class FindInstallations {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    private final Installations installations;

    public FindInstallations(Installations installations) {
        this.installations = installations;
    }

    public Optional<Installation> byId(InstallationId id) {
        return installations.findById(id);
    }

    /** Installations whose name or site URL contains {@code text} (any case); blank text: all of them. */
    public Page<Installation> search(String text, int page, int size) {
        if (text != null && text.length() > 200) {
            throw new IllegalArgumentException("search text must be at most 200 characters");
        }
        checkBounds(page, size);
        return installations.search(text == null ? "" : text, page, size);
    }

    private static void checkBounds(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    public Page<Installation> page(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return installations.list(page, size);
    }
}
