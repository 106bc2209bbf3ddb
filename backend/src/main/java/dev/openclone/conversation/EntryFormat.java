package dev.openclone.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown of one captured entry, byte for byte as openclaw-universal-capture writes it. The texts are
 * written as the conversation had them (Markdown stays Markdown), with trailing whitespace trimmed.
 * <pre>
 * ### 10:05
 * Agent: home            (only with includeMessageMetadata)
 *
 * **User:**
 * …
 *
 * **Assistant:**
 * …
 *
 * ---
 * </pre>
 */
public final class EntryFormat {

    private EntryFormat() {
    }

    public static String render(CaptureEntry entry) {
        List<String> lines = new ArrayList<>();
        lines.add("### " + entry.time());
        if (entry.metadata() != null) {
            lines.addAll(entry.metadata().lines());
        }
        lines.add("");
        lines.add("**User:**");
        lines.add(JsText.trimEnd(entry.userText()));
        lines.add("");
        lines.add("**Assistant:**");
        lines.add(JsText.trimEnd(entry.assistantText()));
        lines.add("");
        lines.add("---");
        lines.add("");
        return String.join("\n", lines);
    }
}
