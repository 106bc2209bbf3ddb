package dev.openclone.dashboard;

import dev.openclone.search.SearchService;
import java.util.ArrayList;
import java.util.List;

/**
 * A search hit's snippet as parts, the matched words apart: the search answers HTML ({@code <mark>} around the
 * words, the rest escaped); the page escapes again as it renders, so no captured text is ever written as markup.
 */
public record Snippet(List<Part> parts) {

    /** A run of the snippet's text, {@code marked} when it is a matched word. */
    public record Part(String text, boolean marked) {
    }

    static Snippet of(String html) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < html.length()) {
            int open = html.indexOf("<mark>", at);
            int close = open < 0 ? -1 : html.indexOf("</mark>", open);
            if (open < 0 || close < 0) {
                add(parts, html.substring(at), false);
                break;
            }
            add(parts, html.substring(at, open), false);
            add(parts, html.substring(open + "<mark>".length(), close), true);
            at = close + "</mark>".length();
        }
        return new Snippet(List.copyOf(parts));
    }

    private static void add(List<Part> parts, String html, boolean marked) {
        if (!html.isEmpty()) {
            parts.add(new Part(SearchService.plainSnippet(html), marked));
        }
    }
}
