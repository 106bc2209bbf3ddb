package dev.openclone.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The search index of every vault the server serves, opened at start (to catch up) or at first use. */
public final class Searches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Searches.class);
    private final Map<Path, SearchIndex> indexes = new ConcurrentHashMap<>();

    /** Opens a vault's index in the background: it catches up with what was stored while it was not running. */
    public void start(Path vault) {
        try {
            forVault(vault, false);
        } catch (IOException e) {
            LOG.warn("The search index of {} cannot be opened now (will try at the first search): {}", vault,
                    e.toString());
        }
    }

    /**
     * A vault's index, caught up with every event stored so far unless its background thread is still catching up
     * (then it answers with what it holds so far rather than keep the caller waiting).
     */
    SearchIndex forVault(Path vault) throws IOException {
        return forVault(vault, true);
    }

    private SearchIndex forVault(Path vault, boolean caughtUp) throws IOException {
        Path key = vault.toAbsolutePath().normalize();
        SearchIndex index = indexes.get(key);
        boolean opened = false;
        if (index == null) {
            synchronized (indexes) {
                index = indexes.get(key);
                if (index == null) {
                    index = SearchIndex.open(key);
                    indexes.put(key, index);
                    opened = true;
                }
            }
        }
        if (caughtUp && opened) {
            index.follow();
        } else if (caughtUp) {
            index.followIfIdle();
        }
        return index;
    }

    /** The ids of every event of {@code vault} whose text matches {@code q} (words, "phrases", -words, prefix*). */
    public List<Long> matching(Path vault, String q) throws IOException {
        return Searcher.ids(forVault(vault), q);
    }

    /** Waits until a vault's index holds what the SQLite index holds now, forgets included. */
    public void catchUp(Path vault) throws IOException {
        forVault(vault, false).follow();
    }

    @Override
    public void close() {
        indexes.values().forEach(SearchIndex::close);
        indexes.clear();
    }
}
