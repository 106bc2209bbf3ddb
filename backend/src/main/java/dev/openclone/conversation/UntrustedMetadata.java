package dev.openclone.conversation;

/**
 * Strips the envelope OpenClaw puts before a user's text, exactly as openclaw-universal-capture does: only when
 * the text starts with {@code Conversation info (untrusted metadata):}, a newline and a complete {@code ```json}
 * fenced block; a {@code Sender (untrusted metadata):} block right after it goes too. The fence closes at a
 * line {@code ```} followed by a newline or the end. Anything else — metadata later in the text, the blocks in
 * the other order, an unclosed fence — is kept as written.
 */
public final class UntrustedMetadata {

    private static final String CONVERSATION_INFO = "Conversation info (untrusted metadata):\n";
    private static final String SENDER = "Sender (untrusted metadata):\n";
    private static final String JSON_FENCE = "```json\n";
    private static final String CLOSING_FENCE = "\n```";

    private UntrustedMetadata() {
    }

    public static String stripLeading(String text) {
        int afterInfo = consume(text, 0, CONVERSATION_INFO);
        if (afterInfo < 0) {
            return text;
        }
        int afterSender = consume(text, afterInfo, SENDER);
        return text.substring(afterSender < 0 ? afterInfo : afterSender);
    }

    /** Where the block starting at {@code start} with {@code header} ends (blank line included), or -1. */
    private static int consume(String text, int start, String header) {
        if (!text.startsWith(header, start)) {
            return -1;
        }
        int fence = start + header.length();
        if (!text.startsWith(JSON_FENCE, fence)) {
            return -1;
        }
        int end = closingFence(text, fence + JSON_FENCE.length());
        if (end < 0) {
            return -1;
        }
        if (text.startsWith("\n\n", end)) {
            return end + 2;
        }
        return text.startsWith("\n", end) ? end + 1 : end;
    }

    private static int closingFence(String text, int from) {
        int search = from;
        while (search < text.length()) {
            int at = text.indexOf(CLOSING_FENCE, search);
            if (at < 0) {
                return -1;
            }
            int end = at + CLOSING_FENCE.length();
            if (end == text.length() || text.charAt(end) == '\n') {
                return end;
            }
            search = end;
        }
        return -1;
    }
}
