package dev.gatehouse.domain.installation;

/** The installation changed (or was deleted) since it was read: the optimistic lock refused the save. */
public final class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(InstallationId id) {
        super("installation " + id + " was changed by someone else; read it again and retry");
    }
}
