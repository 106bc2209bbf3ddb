package dev.openclone.conversation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One captured request-response pair of a turn.
 *
 * @param date           the conversation day (rollover applied)
 * @param time           the heading time, {@code HH:MM}
 * @param timestamp      the reply's time as {@code toISOString} writes it, for recall
 * @param senderUsername the user message's {@code senderUsername}, trimmed, or null
 * @param metadata       the lines under the heading, or null when not configured or nothing is known
 */
public record CaptureEntry(LocalDate date, String time, String timestamp, String senderUsername,
        Metadata metadata, String userText, String assistantText) {

    /** What {@code includeMessageMetadata} adds; each part null when unknown. */
    public record Metadata(String agent, String surface, String channel, String senderUsername) {

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (agent != null) {
                lines.add("Agent: " + agent);
            }
            if (surface != null) {
                lines.add("Surface: " + surface);
            }
            if (channel != null) {
                lines.add("Channel: " + channel);
            }
            if (senderUsername != null) {
                lines.add("Sender: " + senderUsername);
            }
            return lines;
        }
    }
}
