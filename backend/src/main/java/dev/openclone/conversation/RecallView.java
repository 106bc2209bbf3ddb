package dev.openclone.conversation;

import java.util.ArrayList;
import java.util.List;

/** The text of the seed's {@code universal_recall} tool for a set of recalled turns. */
public final class RecallView {

    static final String TRUNCATED = "\n\n[universal_recall output truncated by recallMaxBytes]";

    private RecallView() {
    }

    /**
     * @param entries   the turns to show, oldest first
     * @param malformed the malformed lines of the file
     * @param maxBytes  {@code recallMaxBytes}, 0 for no limit
     */
    public static String render(List<RecallEntry> entries, int malformed, long maxBytes) {
        String plural = malformed == 1 ? "" : "s";
        if (entries.isEmpty()) {
            return malformed > 0 ? "No valid recalled turns found. Ignored " + malformed + " malformed recall line"
                    + plural + "." : "No recalled turns found for this sessionKey.";
        }
        List<String> rendered = new ArrayList<>();
        for (RecallEntry entry : entries) {
            rendered.add(render(entry));
        }
        String text = String.join("\n\n---\n\n", rendered);
        if (malformed > 0) {
            text += "\n\nIgnored " + malformed + " malformed recall line" + plural + ".";
        }
        if (maxBytes <= 0 || JsText.utf8Length(text) <= maxBytes) {
            return text;
        }
        long budget = Math.max(0, maxBytes - JsText.utf8Length(TRUNCATED));
        return JsText.truncateUtf8(text, budget) + TRUNCATED;
    }

    private static String render(RecallEntry entry) {
        List<String> lines = new ArrayList<>();
        lines.add("Timestamp: " + entry.timestamp());
        if (entry.senderUsername() != null) {
            lines.add("Sender: " + entry.senderUsername());
        }
        lines.add("");
        lines.add("User:");
        lines.add(entry.userText());
        lines.add("");
        lines.add("Assistant:");
        lines.add(entry.assistantText());
        return String.join("\n", lines);
    }
}
