package dev.openclone.dashboard;

import dev.openclone.index.IndexReader;
import dev.openclone.index.IndexStats;
import dev.openclone.query.DayFiles;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /}: today at a glance — events per source today and over the last {@value #DAYS} days (a chart and a
 * table), and the latest entries.
 */
final class TodayPage {

    static final int DAYS = 30;
    static final int LATEST = 10;

    private final DayFiles days;
    private final Clock clock;
    private final Pages pages;

    TodayPage(DayFiles days, Clock clock, Pages pages) {
        this.days = days;
        this.clock = clock;
        this.pages = pages;
    }

    /** Events of one source: today, and over the last {@value #DAYS} days. */
    public record SourceCount(String source, long today, long month) {
    }

    /** The model of {@code today.jte}. */
    public record View(Frame frame, String date, long today, long month, List<SourceCount> sources,
            DayChart chart, List<EntryItem> latest) {
    }

    void show(Context ctx, Session session) throws IOException {
        pages.render(ctx, 200, "today.jte", view(session));
    }

    View view(Session session) throws IOException {
        Path vault = session.access().tenant().vault();
        LocalDate today = LocalDate.now(clock.withZone(days.zone()));
        Map<String, LocalDate> dayOfFile = new HashMap<>();
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (LocalDate day = today.minusDays(DAYS - 1); !day.isAfter(today); day = day.plusDays(1)) {
            perDay.put(day, 0L);
            for (String file : days.of(day, Optional.empty())) {
                dayOfFile.put(file, day);
            }
        }
        Map<String, long[]> bySource = new TreeMap<>();
        for (IndexStats.FileCount count : new IndexStats(vault).eventsPerFile(List.copyOf(dayOfFile.keySet()))) {
            LocalDate day = dayOfFile.get(count.file());
            perDay.merge(day, count.events(), Long::sum);
            long[] sums = bySource.computeIfAbsent(EntryItem.sourceName(count.sourceType()), s -> new long[2]);
            sums[1] += count.events();
            if (day.equals(today)) {
                sums[0] += count.events();
            }
        }
        List<SourceCount> sources = new ArrayList<>();
        bySource.forEach((source, sums) -> sources.add(new SourceCount(source, sums[0], sums[1])));
        sources.sort((a, b) -> Long.compare(b.month(), a.month()));
        return new View(Frame.of(session, "Today", "/"), today.toString(),
                sources.stream().mapToLong(SourceCount::today).sum(),
                sources.stream().mapToLong(SourceCount::month).sum(), sources, DayChart.of(perDay),
                latest(vault, today));
    }

    /** The latest entries, newest first: today's, then the days before, back {@value #DAYS} days at most. */
    private List<EntryItem> latest(Path vault, LocalDate today) throws IOException {
        IndexReader index = new IndexReader(vault);
        List<EntryItem> latest = new ArrayList<>();
        for (LocalDate day = today; latest.size() < LATEST && day.isAfter(today.minusDays(DAYS)); day = day
                .minusDays(1)) {
            for (IndexReader.StoredEvent event : index.latestInFiles(days.of(day, Optional.empty()),
                    LATEST - latest.size())) {
                latest.add(EntryItem.of(event, days.zone(), today));
            }
        }
        return latest;
    }
}
