package dev.openclone.forget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.RecallFile;
import dev.openclone.event.SourceType;
import dev.openclone.index.IndexReader;
import dev.openclone.search.Searches;
import dev.openclone.store.Forgotten;
import dev.openclone.store.StorageException;
import dev.openclone.tenant.Tenant;
import dev.openclone.tenant.Tenants;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forgets chosen events everywhere the server keeps them: a conversation turn's recall lines first, then the
 * store's forget (entries cut, tombstones), then the search index catches up before the caller answers. The one
 * way the forget endpoint, the command line and retention forget.
 */
final class Forgetter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenants tenants;
    private final Searches searches;
    private final ConversationConfig conversation;

    Forgetter(Tenants tenants, Searches searches, ConversationConfig conversation) {
        this.tenants = tenants;
        this.searches = searches;
        this.conversation = conversation;
    }

    Forgotten forget(Tenant tenant, List<IndexReader.StoredEvent> events)
            throws StorageException, IOException, InterruptedException {
        Map<String, Set<String>> recall = recallLines(tenant, events);
        Forgotten forgotten = tenants.store(tenant).forget(events.stream().map(IndexReader.StoredEvent::id).toList(),
                vault -> {
                    for (Map.Entry<String, Set<String>> session : recall.entrySet()) {
                        RecallFile.remove(vault, RecallFile.path(conversation.recallFolder(), session.getKey()),
                                session.getValue());
                    }
                });
        searches.catchUp(tenant.vault());
        return forgotten;
    }

    /** Per sessionKey, the advancement keys (raw_refs) of the conversation turns among {@code events}. */
    private static Map<String, Set<String>> recallLines(Tenant tenant, List<IndexReader.StoredEvent> events)
            throws IOException {
        List<IndexReader.StoredEvent> turns = events.stream()
                .filter(e -> e.sourceType().equals(SourceType.CONVERSATION.wireName())).toList();
        Map<String, Set<String>> sessions = new LinkedHashMap<>();
        if (turns.isEmpty()) {
            return sessions;
        }
        Map<Long, String> refs = new IndexReader(tenant.vault()).rawRefs(turns.stream()
                .map(IndexReader.StoredEvent::id).toList());
        for (IndexReader.StoredEvent turn : turns) {
            JsonNode data = JSON.readTree(turn.data());
            String ref = refs.get(turn.id());
            if (ref != null && data.hasNonNull("session_key")) {
                sessions.computeIfAbsent(data.get("session_key").asText(), k -> new HashSet<>()).add(ref);
            }
        }
        return sessions;
    }
}
