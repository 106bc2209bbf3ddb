package dev.openclone.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much of the server one key may hold at once, so that one client cannot stall the others:
 * <ul>
 *   <li><b>receiving</b>: at most {@link #RECEIVING_PER_KEY} bodies of a key are being received at once (each
 *       holds an HTTP thread while its bytes arrive; Jetty cuts a body that arrives slower than its minimum
 *       rate). A key over it is answered {@code 429} at once, and the thread pool keeps room for other tenants,
 *       health and metrics;</li>
 *   <li><b>work</b>: a received body takes one of {@link #WORK_SLOTS} slots to be parsed, validated and stored,
 *       which bounds the memory ingest takes (a body, its tree and its entries are a few MiB); a key holds at most
 *       {@link #WORK_SLOTS_PER_KEY} of them, so a busy key waits for its own slots, not for everyone's.</li>
 * </ul>
 * Slots are taken only once the body is in memory: a slow upload never holds a work slot.
 */
final class Admission {

    static final int RECEIVING_PER_KEY = 64;
    static final int WORK_SLOTS = 16;
    static final int WORK_SLOTS_PER_KEY = 4;

    private final Semaphore work = new Semaphore(WORK_SLOTS, true);
    private final Map<String, AtomicInteger> receiving = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> workPerKey = new ConcurrentHashMap<>();

    /** Counts a body of {@code key} as being received; false (and nothing counted) when the key has too many. */
    boolean startReceiving(String key) {
        AtomicInteger count = receiving.computeIfAbsent(key, k -> new AtomicInteger());
        if (count.incrementAndGet() > RECEIVING_PER_KEY) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    void doneReceiving(String key) {
        receiving.get(key).decrementAndGet();
    }

    /** Waits for one of the key's own work slots, then for a shared one. */
    void startWork(String key) throws InterruptedException {
        Semaphore own = workPerKey.computeIfAbsent(key, k -> new Semaphore(WORK_SLOTS_PER_KEY, true));
        own.acquire();
        try {
            work.acquire();
        } catch (InterruptedException e) {
            own.release();
            throw e;
        }
    }

    void doneWorking(String key) {
        work.release();
        workPerKey.get(key).release();
    }
}
