package dev.openclone.search;

import java.util.List;

/**
 * What a search asks, validated: the words of {@code q} and the filters, each optional.
 *
 * @param q           words, "quoted phrases", -excluded words, prefix*; empty for filters only (newest first)
 * @param sourceTypes any of these source types; empty for all
 * @param fromMillis  captured at or after, epoch milliseconds, or null
 * @param toMillis    captured before, epoch milliseconds, or null
 * @param byTime      newest first instead of by relevance
 */
public record SearchRequest(String q, List<String> sourceTypes, Long fromMillis, Long toMillis, String appName,
        String windowTitle, String domain, String pluginId, String deviceId, boolean byTime, int limit, int offset) {

    public SearchRequest {
        sourceTypes = List.copyOf(sourceTypes);
    }
}
