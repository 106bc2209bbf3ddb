package dev.openclone.agent;

import java.util.Map;

/**
 * One plugin as {@code agent status} shows it: counts and times, never what was captured.
 *
 * @param state       {@code capturing}, {@code paused}, {@code waiting} (for the tenant's exclusions),
 *                    {@code error}, {@code disabled} or {@code stopped}
 * @param lastCapture when it last captured something (ISO-8601), or null
 * @param captured    events it captured and spooled since the agent started
 * @param queued      of those, how many wait in the spool
 * @param sent        how many the server answered (stored or skipped as duplicates)
 * @param lastError   the last problem, in one line, or null
 * @param counters    the plugin's own counts ({@code ocr_runs}, {@code unchanged}, {@code excluded}, …)
 */
public record PluginStatus(String id, String state, String lastCapture, long captured, long queued, long sent,
        long rejected, String lastError, Map<String, Long> counters) {
}
