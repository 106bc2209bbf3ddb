package dev.openclone.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.event.EventText;
import dev.openclone.event.SourceType;
import dev.openclone.index.IndexReader;
import dev.openclone.vault.DailyNote;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One stored event as a list shows it: when, from which source, what names it, the start of its text, and its id
 * for the entry view.
 *
 * @param when    {@code HH:mm}, with the date in front when it is not the day the list is about
 * @param source  the source's name as the vault's folder shows it ({@code Screen}, {@code Audio})
 * @param excerpt the first {@value #EXCERPT_CHARS} characters of its text
 */
public record EntryItem(long id, String when, String isoTime, String source, String label, String excerpt,
        String file) {

    static final int EXCERPT_CHARS = 280;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The item of {@code event}; {@code day} is the day the list is about (its events show the time alone). */
    static EntryItem of(IndexReader.StoredEvent event, ZoneId zone, LocalDate day) {
        ZonedDateTime at = DailyNote.instant(event.capturedAt()).atZone(zone);
        Map<?, ?> data = data(event.data());
        String body = EventText.body(data).strip();
        String excerpt = body.length() > EXCERPT_CHARS ? body.substring(0, EXCERPT_CHARS).strip() + "…" : body;
        return new EntryItem(event.id(), at.toLocalDate().equals(day) ? at.format(TIME) : at.format(DATE_TIME),
                at.toOffsetDateTime().toString(), sourceName(event.sourceType()), EventText.label(data), excerpt,
                event.file());
    }

    /** An ISO-8601 time as the lists show it: {@code 2026-06-15T14:30:00+02:00} → {@code 2026-06-15 14:30}. */
    static String shortTime(String iso) {
        return iso.length() >= 16 ? iso.substring(0, 10) + " " + iso.substring(11, 16) : iso;
    }

    /** The folder name of a source type ({@code screen_ocr} → {@code Screen}); the wire name when unknown. */
    static String sourceName(String wireName) {
        return SourceType.fromWire(wireName).map(SourceType::folder).orElse(wireName);
    }

    private static Map<?, ?> data(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
