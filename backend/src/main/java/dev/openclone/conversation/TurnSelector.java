package dev.openclone.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks what a committed turn adds to the conversation log, with openclaw-universal-capture's rules:
 * <ul>
 *   <li>only when the sessionKey passes the {@code agents}, {@code surfaces} and {@code channels} filters;</li>
 *   <li>assistant messages from {@code pre_prompt_message_count} on, with text (a string {@code content}, or its
 *       {@code text}/{@code input_text}/{@code output_text} parts joined by newlines, trimmed); tool calls, tool
 *       results and other records have none and are ignored;</li>
 *   <li>each paired with the nearest preceding user message that has text, earlier messages included; an
 *       assistant text with no such user message is left out;</li>
 *   <li>of the assistant texts answering one user message, only the last — the terminal response — unless
 *       {@code commentary} is on, which keeps the intermediate ones too;</li>
 *   <li>with {@code skipNoReply}, a reply that is exactly {@code NO_REPLY} is left out (and does not make an
 *       earlier commentary the reply).</li>
 * </ul>
 */
public final class TurnSelector {

    private final ConversationConfig config;

    public TurnSelector(ConversationConfig config) {
        this.config = config;
    }

    private record Candidate(JsonNode message, String text, JsonNode user, String userText) {
    }

    /**
     * @param fallback the time of a message without a usable timestamp
     */
    public List<CaptureEntry> select(JsonNode messages, int prePromptMessageCount, String sessionKey,
            Instant fallback) {
        SessionKey session = SessionKey.parse(sessionKey);
        List<CaptureEntry> entries = new ArrayList<>();
        if (!config.captures(session) || messages == null || !messages.isArray()) {
            return entries;
        }
        int start = Math.max(0, Math.min(prePromptMessageCount, messages.size()));
        List<Candidate> candidates = new ArrayList<>();
        JsonNode user = null;
        String userText = null;
        // One pass: the nearest preceding user message with text is the last one seen, pre-prompt ones included.
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = role(message);
            if ("user".equals(role)) {
                String text = text(message);
                if (!text.isEmpty()) {
                    user = message;
                    userText = text;
                }
            } else if ("assistant".equals(role) && i >= start && user != null) {
                String text = text(message);
                if (!text.isEmpty()) {
                    candidates.add(new Candidate(message, text, user, userText));
                }
            }
        }
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            boolean terminal = c + 1 == candidates.size() || candidates.get(c + 1).user() != candidate.user();
            if (!terminal && !config.commentary()) {
                continue;
            }
            if (config.skipNoReply() && candidate.text().equals("NO_REPLY")) {
                continue;
            }
            entries.add(entry(candidate, session, fallback));
        }
        return entries;
    }

    private CaptureEntry entry(Candidate candidate, SessionKey session, Instant fallback) {
        Instant at = CaptureTime.of(candidate.message().get("timestamp"), config.timezone(), fallback);
        String sender = senderUsername(candidate.user());
        CaptureEntry.Metadata metadata = null;
        if (config.includeMessageMetadata() && (session.agent() != null || session.surface() != null
                || session.channel() != null || sender != null)) {
            metadata = new CaptureEntry.Metadata(session.agent(), session.surface(), session.channel(), sender);
        }
        String userText = config.stripUntrustedMetadata() ? UntrustedMetadata.stripLeading(candidate.userText())
                : candidate.userText();
        return new CaptureEntry(CaptureTime.day(at, config.timezone(), config.rolloverMinutes()),
                CaptureTime.time(at, config.timezone()), CaptureTime.iso(at), sender, metadata, userText,
                candidate.text());
    }

    private static String role(JsonNode message) {
        JsonNode role = message.isObject() ? message.get("role") : null;
        return role != null && role.isTextual() ? role.textValue() : null;
    }

    /** A message's text: string content trimmed, or its text parts joined by newlines and trimmed. */
    private static String text(JsonNode message) {
        if (!message.isObject()) {
            return "";
        }
        JsonNode content = message.get("content");
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return JsText.trim(content.textValue());
        }
        if (!content.isArray()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (!part.isObject()) {
                continue;
            }
            JsonNode type = part.get("type");
            JsonNode text = part.get("text");
            if (type != null && type.isTextual() && text != null && text.isTextual() && !text.textValue().isEmpty()
                    && (type.textValue().equals("text") || type.textValue().equals("input_text")
                            || type.textValue().equals("output_text"))) {
                parts.add(text.textValue());
            }
        }
        return JsText.trim(String.join("\n", parts));
    }

    private static String senderUsername(JsonNode user) {
        JsonNode sender = user.get("senderUsername");
        if (sender == null || !sender.isTextual()) {
            return null;
        }
        String trimmed = JsText.trim(sender.textValue());
        return trimmed.isEmpty() ? null : trimmed;
    }
}
