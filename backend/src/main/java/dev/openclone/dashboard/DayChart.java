package dev.openclone.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events per day as a bar chart, laid out here and drawn by the page as SVG: no script, readable without one
 * (each bar has its date and count as a title, and the page gives the same numbers as a table).
 */
public record DayChart(List<Bar> bars, long max, int width, int height) {

    static final int BAR = 16;
    static final int GAP = 4;
    static final int HEIGHT = 120;
    /** Room left and right, so the dates under the first and last bars are not cut. */
    static final int PAD = 18;
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /**
     * One day's bar, its geometry in the chart's coordinates.
     *
     * @param tick whether its date is written under it (every seventh day, and the last)
     */
    public record Bar(String date, String shortDate, long count, int x, int y, int barWidth, int barHeight,
            boolean tick) {
    }

    /** The chart of {@code counts}, one bar per day in order (days without events count 0). */
    static DayChart of(Map<LocalDate, Long> counts) {
        long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<LocalDate, Long> day : counts.entrySet()) {
            int height = day.getValue() == 0 ? 0 : (int) Math.max(2, Math.round((double) day.getValue() / max
                    * (HEIGHT - 20)));
            bars.add(new Bar(day.getKey().toString(), day.getKey().format(SHORT), day.getValue(), PAD + i * (BAR + GAP),
                    HEIGHT - height, BAR, height, (counts.size() - 1 - i) % 7 == 0));
            i++;
        }
        return new DayChart(List.copyOf(bars), max, 2 * PAD + bars.size() * (BAR + GAP), HEIGHT + 16);
    }
}
