package dev.openclone.forget;

import dev.openclone.conversation.ConversationConfig;
import dev.openclone.event.SourceType;
import dev.openclone.index.IndexReader;
import dev.openclone.privacy.Retention;
import dev.openclone.privacy.TenantPolicy;
import dev.openclone.search.Searches;
import dev.openclone.store.Forgotten;
import dev.openclone.store.StorageException;
import dev.openclone.tenant.Tenant;
import dev.openclone.tenant.Tenants;
import dev.openclone.vault.VaultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each tenant's {@link Retention} at start and then daily, through the forget path: what is older than its
 * source's days, then — while the daily files are over the size cap — the oldest stored events. Logged as counts.
 */
public final class RetentionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionRunner.class);
    /** Rounds of size-cap forgetting per run: each forgets about the excess, measured again after. */
    private static final int SIZE_ROUNDS = 8;

    private final Tenants tenants;
    private final Function<String, TenantPolicy> policies;
    private final Forgetter forgetter;
    private final Clock clock;
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "retention");
        thread.setDaemon(true);
        return thread;
    });

    public RetentionRunner(Tenants tenants, Function<String, TenantPolicy> policies, Searches searches,
            ConversationConfig conversation, Clock clock) {
        this.tenants = tenants;
        this.policies = policies;
        this.forgetter = new Forgetter(tenants, searches, conversation);
        this.clock = clock;
    }

    /** Runs now (in the background) and every day after. */
    public void start() {
        runner.scheduleWithFixedDelay(this::runQuietly, 0, 1, TimeUnit.DAYS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (StorageException | IOException e) {
            LOG.warn("Retention could not run now (next run in a day): {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies every served tenant's retention once. */
    public void run() throws StorageException, IOException, InterruptedException {
        for (Tenant tenant : tenants.served()) {
            Retention retention = policies.apply(tenant.name()).retention();
            if (!retention.keepsAll()) {
                apply(tenant, retention);
            }
        }
    }

    private void apply(Tenant tenant, Retention retention)
            throws StorageException, IOException, InterruptedException {
        IndexReader reader = new IndexReader(tenant.vault());
        List<IndexReader.StoredEvent> expired = new ArrayList<>();
        long now = clock.millis();
        for (SourceType type : SourceType.values()) {
            Optional<Duration> keep = retention.keep(type);
            if (keep.isPresent()) {
                reader.eachLiveEvent(null, now - keep.get().toMillis(), List.of(type.wireName()), null, null, row -> {
                    expired.add(row);
                    return true;
                });
            }
        }
        if (!expired.isEmpty()) {
            Forgotten forgotten = forget(tenant, expired);
            LOG.info("Retention forgot {} events of tenant {} past their days ({} entries cut)", forgotten.events(),
                    tenant.name(), forgotten.cut());
        }
        if (retention.maxBytes() == null) {
            return;
        }
        for (int round = 0; round < SIZE_ROUNDS; round++) {
            long excess = dailyFilesSize(tenant.vault()) - retention.maxBytes();
            if (excess <= 0) {
                return;
            }
            List<IndexReader.StoredEvent> oldest = new ArrayList<>();
            long[] freed = {0};
            reader.eachLiveEvent(null, null, List.of(), null, null, row -> {
                oldest.add(row);
                // An entry takes about its text plus its heading and meta lines.
                freed[0] += row.data().length() + 100;
                return freed[0] < excess;
            });
            if (oldest.isEmpty()) {
                return;
            }
            Forgotten forgotten = forget(tenant, oldest);
            LOG.info("Retention forgot the {} oldest events of tenant {}: its daily files were over {} MiB",
                    forgotten.events(), tenant.name(), retention.maxBytes() / (1024 * 1024));
        }
    }

    private Forgotten forget(Tenant tenant, List<IndexReader.StoredEvent> events)
            throws StorageException, IOException, InterruptedException {
        return forgetter.forget(tenant, events);
    }

    /** The bytes of the vault's Markdown files (its own folder, .openclone, aside). */
    static long dailyFilesSize(Path vault) throws IOException {
        return new VaultFiles(vault).visible().entrySet().stream()
                .filter(file -> file.getKey().endsWith(".md")).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Lets a run in progress finish (up to a minute), then stops. Not by interrupting it: an interrupt inside the
     * search index's file I/O closes the channel that holds Lucene's write lock, and the index could not commit.
     */
    @Override
    public void close() {
        runner.shutdown();
        try {
            if (!runner.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("Retention was still running after a minute; stopping it");
                runner.shutdownNow();
                runner.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
