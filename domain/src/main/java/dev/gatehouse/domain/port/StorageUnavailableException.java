package dev.gatehouse.domain.port;

/**
 * The database cannot be reached right now. Thrown by persistence adapters instead of driver exceptions so
 * inbound adapters can answer 503 without knowing the storage technology. Retrying later may succeed.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
