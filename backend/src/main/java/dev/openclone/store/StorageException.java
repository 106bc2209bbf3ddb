package dev.openclone.store;



/** The vault or the index could not be written; nothing of the affected batch was kept. */
public final class StorageException extends Exception {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
