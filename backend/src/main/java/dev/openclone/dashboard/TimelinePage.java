package dev.openclone.dashboard;

import dev.openclone.event.SourceType;
import dev.openclone.index.IndexReader;
import dev.openclone.query.DayFiles;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /timeline?date=YYYY-MM-DD[&source_type=…]}: a day across sources, hour by hour, as the vault's daily
 * files hold it; {@value #PAGE} entries a page.
 */
final class TimelinePage {

    static final int PAGE = 500;

    private final DayFiles days;
    private final Clock clock;
    private final Pages pages;

    TimelinePage(DayFiles days, Clock clock, Pages pages) {
        this.days = days;
        this.clock = clock;
        this.pages = pages;
    }

    /** The entries of one hour ({@code 09}), in order. */
    public record Hour(String hour, List<EntryItem> entries) {
    }

    /**
     * The model of {@code timeline.jte}.
     *
     * @param error what is wrong with the date or source asked, or null
     * @param next  the address of the page after this one (the day goes on), or null
     */
    public record View(Frame frame, String date, String previousDay, String nextDay, String sourceType,
            List<SourceChoice> sources, String error, int count, List<Hour> hours, String next) {
    }

    void show(Context ctx, Session session) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(days.zone()));
        String asked = ctx.queryParam("date");
        String error = null;
        LocalDate date = today;
        if (asked != null && !asked.isBlank()) {
            try {
                date = LocalDate.parse(asked.strip());
            } catch (DateTimeParseException e) {
                error = "date: give a day as YYYY-MM-DD, such as " + today;
            }
        }
        String typeAsked = ctx.queryParam("source_type");
        Optional<SourceType> type = Optional.empty();
        if (typeAsked != null && !typeAsked.isBlank()) {
            type = SourceType.fromWire(typeAsked.strip());
            if (type.isEmpty()) {
                error = "source_type: " + SourceType.wireNames() + " — or all sources";
            }
        }
        int offset = offset(ctx.queryParam("offset"));
        String wire = type.map(SourceType::wireName).orElse("");
        List<SourceChoice> sources = SourceChoice.all(wire);
        List<Hour> hours = new ArrayList<>();
        int[] count = {0};
        boolean[] more = {false};
        if (error == null) {
            LocalDate day = date;
            new IndexReader(session.access().tenant().vault()).eachEventInFiles(days.of(date, type),
                    type.map(SourceType::wireName).orElse(null), offset, event -> {
                        if (count[0] == PAGE) {
                            more[0] = true;
                            return false;
                        }
                        EntryItem item = EntryItem.of(event, days.zone(), day);
                        String hour = item.isoTime().substring(11, 13);
                        if (hours.isEmpty() || !hours.get(hours.size() - 1).hour().equals(hour)) {
                            hours.add(new Hour(hour, new ArrayList<>()));
                        }
                        hours.get(hours.size() - 1).entries().add(item);
                        count[0]++;
                        return true;
                    });
        }
        String base = "/timeline?date=" + date + (wire.isEmpty() ? "" : "&source_type=" + wire);
        pages.render(ctx, error == null ? 200 : 422, "timeline.jte", new View(Frame.of(session, date + " · Timeline",
                "/timeline"), date.toString(), date.minusDays(1).toString(), date.plusDays(1).toString(), wire,
                sources, error, count[0], hours, more[0] ? base + "&offset=" + (offset + PAGE) : null));
    }

    private static int offset(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
