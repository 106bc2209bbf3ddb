package dev.openclone.ingest;

/**
 * What ingest reports about its work. Owned here, implemented by the server's metrics, so ingest does not depend
 * on how (or whether) the numbers are exposed.
 */
public interface IngestMetrics {

    /** Events of one answered batch: written, and skipped (duplicates, exclusions, filtered turns). */
    void events(int stored, int skipped);

    /** Time from a request's arrival to its {@code 200}, in seconds. */
    void ingestLatency(double seconds);
}
