package dev.openclone.agent;

/** A capture that cannot be made; its message says what is wrong and what to do, in one line. */
public final class CaptureException extends Exception {

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
