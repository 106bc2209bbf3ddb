package dev.openclone.dashboard;

import dev.openclone.index.IndexReader;
import dev.openclone.query.EntryLines;
import dev.openclone.vault.DailyNote;
import dev.openclone.vault.ObsidianLink;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code GET /entry?id=N}: one entry as its daily file holds it now (a person's edits included), where it is, and
 * a link that opens the file in Obsidian. Ids are the tenant's own: another tenant's event is not found.
 */
final class EntryPage {

    /** The most characters shown; the rest is in the file. */
    static final int MAX_CHARS = 64 * 1024;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final Pages pages;

    EntryPage(ZoneId zone, Pages pages) {
        this.zone = zone;
        this.pages = pages;
    }

    /** The model of {@code entry.jte}; {@code cut} when the text shown stops before the entry's end. */
    public record View(Frame frame, long id, String when, String source, String plugin, String device, String file,
            long line, String obsidianUri, String text, boolean cut, String day) {
    }

    void show(Context ctx, Session session) throws IOException {
        Path vault = session.access().tenant().vault();
        String id = ctx.queryParam("id");
        if (id == null || !id.strip().matches("\\d{1,18}")) {
            pages.problem(ctx, 400, "No such entry", "An entry is asked for by its id: /entry?id=42, as search, "
                    + "the timeline and Today link to it.");
            return;
        }
        Optional<IndexReader.Row> row = new IndexReader(vault).event(Long.parseLong(id.strip()));
        if (row.isEmpty() || row.get().file().isEmpty()) {
            pages.problem(ctx, 404, "No such entry", "There is no entry " + id.strip() + " in this memory (it may "
                    + "have been forgotten, or deleted from the vault).");
            return;
        }
        IndexReader.Row event = row.get();
        String text;
        try {
            text = event.line() > 0 ? EntryLines.at(vault, event.file(), event.line()).orElse("") : "";
        } catch (NoSuchFileException e) {
            text = "";
        }
        boolean cut = text.length() > MAX_CHARS;
        var at = DailyNote.instant(event.capturedAt()).atZone(zone);
        pages.render(ctx, 200, "entry.jte", new View(Frame.of(session, "Entry " + event.id(), ""), event.id(),
                at.format(WHEN), EntryItem.sourceName(event.sourceType()), event.pluginId(), event.deviceId(),
                event.file(), event.line(), ObsidianLink.of(vault, event.file()),
                cut ? text.substring(0, MAX_CHARS) : text, cut, at.toLocalDate().toString()));
    }
}
