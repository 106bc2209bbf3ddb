package dev.openclone.conversation;

import java.time.ZoneId;

/**
 * The {@code "conversation"} section of {@code OPENCLONE_CONFIG}: openclaw-universal-capture's settings, with its
 * defaults, applied by the server to every conversation turn any agent sends (SPEC §10). Read by
 * {@link ConversationConfigParser}.
 *
 * @param folder                 vault-relative folder of the daily {@code conversations-YYYY-MM-DD.md} files
 * @param recallFolder           vault-relative folder of the per-sessionKey recall NDJSON files
 * @param recallTurns            turns kept per sessionKey; 0 turns recall off
 * @param recallMaxBytes         byte limit of a recall file and of recall output; 0 for none
 * @param timezone               zone of the entry times and of the daily rollover
 * @param rolloverTime           {@code HH:MM}: before it, a turn belongs to the previous conversation day
 * @param skipNoReply            leave out turns whose reply is exactly {@code NO_REPLY}
 * @param includeMessageMetadata write Agent/Surface/Channel/Sender lines under each heading
 * @param stripUntrustedMetadata strip OpenClaw's leading untrusted-metadata blocks from user text
 * @param commentary             also capture the assistant's intermediate texts, not only its final reply
 */
public record ConversationConfig(String folder, String recallFolder, int recallTurns, long recallMaxBytes,
        ZoneId timezone, String rolloverTime, boolean skipNoReply, boolean includeMessageMetadata,
        boolean stripUntrustedMetadata, boolean commentary, CaptureFilter agents, CaptureFilter surfaces,
        CaptureFilter channels) {

    /** Every default, with daily files in {@code zone}. */
    public static ConversationConfig defaults(ZoneId zone) {
        return new ConversationConfig("conversations", "recall", 0, 0, zone, "04:00", false, false, true, false,
                CaptureFilter.ALL, CaptureFilter.ALL, CaptureFilter.ALL);
    }

    /** Minutes after midnight of {@link #rolloverTime}. */
    public int rolloverMinutes() {
        return Integer.parseInt(rolloverTime.substring(0, 2)) * 60 + Integer.parseInt(rolloverTime.substring(3));
    }

    public boolean recallEnabled() {
        return recallTurns > 0;
    }

    /** Whether turns of this session are captured at all: every configured filter must allow it. */
    public boolean captures(SessionKey session) {
        return agents.allows(session.agent()) && surfaces.allows(session.surface())
                && channels.allows(session.channelId());
    }
}
