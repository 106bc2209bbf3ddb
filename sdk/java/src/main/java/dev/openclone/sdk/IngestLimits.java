package dev.openclone.sdk;



/**
 * The limits of {@code POST /api/v1/ingest}, in one place: the server enforces these constants (it answers
 * {@code 413} above the body size and {@code 422} above the event count), and this SDK and the {@code openclone}
 * command line split what they send so that no request goes over them.
 */
public final class IngestLimits {

    /** Events in one request. */
    public static final int MAX_EVENTS = 500;
    /** Bytes of one request body: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1_048_576;

    private IngestLimits() {
    }
}
