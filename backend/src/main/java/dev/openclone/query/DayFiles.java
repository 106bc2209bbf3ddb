package dev.openclone.query;

import dev.openclone.conversation.ConversationConfig;
import dev.openclone.conversation.ConversationNote;
import dev.openclone.event.SourceType;
import dev.openclone.vault.DailyNote;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily files that hold a day, or a time range, as the vault names them: one per source type's folder, and a
 * conversation day's {@code conversations-YYYY-MM-DD.md}. The index finds events by file, so this is how a question
 * about time becomes one the index answers fast.
 */
public final class DayFiles {

    /** The longest range asked at once: a year of daily files. */
    public static final int MAX_RANGE_DAYS = 366;

    private final ZoneId zone;
    private final ConversationConfig conversation;

    public DayFiles(ZoneId zone, ConversationConfig conversation) {
        this.zone = zone;
        this.conversation = conversation;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The files of {@code date}, of {@code type} only when one is given. */
    public List<String> of(LocalDate date, Optional<SourceType> type) {
        List<String> files = new ArrayList<>();
        for (SourceType each : SourceType.values()) {
            String file = each == SourceType.CONVERSATION ? new ConversationNote(conversation.folder(), date).path()
                    : new DailyNote(each.folder(), date).path();
            if (type.map(t -> t == each).orElse(true) && !files.contains(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The files that can hold events captured in {@code [fromMillis, toMillis)}: every day the range touches in the
     * vault's zone, and the day before (a conversation turn shortly after midnight belongs to the day before, when
     * the rollover time says so).
     */
    public List<String> between(long fromMillis, long toMillis, Optional<SourceType> type) {
        LocalDate first = Instant.ofEpochMilli(fromMillis).atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = Instant.ofEpochMilli(Math.max(fromMillis, toMillis - 1)).atZone(zone).toLocalDate();
        List<String> files = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            files.addAll(of(day, type));
        }
        return files;
    }
}
