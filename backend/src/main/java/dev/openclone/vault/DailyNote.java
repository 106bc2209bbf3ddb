package dev.openclone.vault;

import dev.openclone.event.SourceType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * A daily Markdown file of one source folder, {@code <Folder>/<YYYY-MM-DD>.md}, and the frontmatter header it
 * starts with when the server creates it.
 *
 * @param folder the vault folder, such as {@code Audio}
 * @param date   the day in the vault's zone
 */
public record DailyNote(String folder, LocalDate date) implements Note {

    /** The note an event captured at {@code epochSeconds} belongs to. */
    public static DailyNote of(SourceType type, double epochSeconds, ZoneId zone) {
        return new DailyNote(type.folder(), instant(epochSeconds).atZone(zone).toLocalDate());
    }

    /** Vault-relative path with forward slashes, as reported to clients: {@code Audio/2024-02-18.md}. */
    @Override
    public String path() {
        return folder + "/" + date + ".md";
    }

    /** The header of a new file: YAML frontmatter, then a title heading. */
    @Override
    public String header() {
        String title = folder + " " + date;
        return "---\n"
                + "title: " + title + "\n"
                + "type: " + folder + "\n"
                + "permalink: " + folder.toLowerCase(Locale.ROOT) + "/" + date + "\n"
                + "date: " + date + "\n"
                + "---\n"
                + "\n"
                + "# " + title + "\n";
    }

    /** The instant of a wire timestamp in epoch seconds, to the millisecond. */
    public static Instant instant(double epochSeconds) {
        long millis = Math.round(epochSeconds * 1000d);
        return Instant.ofEpochMilli(millis);
    }
}
