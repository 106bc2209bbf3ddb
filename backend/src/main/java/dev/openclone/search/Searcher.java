package dev.openclone.search;

import dev.openclone.event.Numbers;
import dev.openclone.index.IndexReader;
import dev.openclone.vault.ObsidianLink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.QueryBuilder;

/**
 * Runs a {@link SearchRequest} on a vault's {@link SearchIndex}: the words, the filters, ranking by relevance
 * with a boost for recent events (or newest first), a snippet with the matched words marked, and where each
 * entry is in the vault (file, line, an {@code obsidian://} link).
 */
final class Searcher {

    private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");
    private static final int SNIPPET_CHARS = 240;

    private Searcher() {
    }

    /** Every event whose text matches {@code q}, by id, in no particular order. */
    static List<Long> ids(SearchIndex index, String q) throws IOException {
        Query words = QueryText.parse(q, SearchDocument.TEXT);
        if (words == null) {
            return List.of();
        }
        return index.withSearcher(searcher -> {
            TopDocs top = searcher.search(words, Math.max(1, searcher.getIndexReader().maxDoc()));
            List<Long> ids = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                ids.add(searcher.storedFields().document(hit.doc, Set.of(SearchDocument.ID))
                        .getField(SearchDocument.ID).numericValue().longValue());
            }
            return ids;
        });
    }

    static Map<String, Object> run(SearchIndex index, SearchRequest request, ZoneId zone) throws IOException {
        long started = System.nanoTime();
        Query words = request.q().isBlank() ? null : QueryText.parse(request.q(), SearchDocument.TEXT);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(words != null ? words : new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        filters(request, all);
        Query query = all.build();
        boolean byTime = request.byTime() || words == null;
        Query ranked = byTime ? query
                : FunctionScoreQuery.boostByValue(query, new RecencyBoost(System.currentTimeMillis()));
        return index.withSearcher(searcher -> {
            int wanted = request.offset() + request.limit() + 1;
            TopDocs top = byTime
                    ? searcher.search(ranked, wanted, new Sort(new SortField(SearchDocument.CAPTURED,
                            SortField.Type.LONG, true)))
                    : searcher.search(ranked, wanted);
            ScoreDoc[] docs = top.scoreDocs;
            int from = Math.min(request.offset(), docs.length);
            int to = Math.min(docs.length, request.offset() + request.limit());
            String[] snippets = snippets(searcher, words, top, from, to);
            Map<String, Long> lineStarts = new HashMap<>();
            List<Document> page = new ArrayList<>();
            for (int i = from; i < to; i++) {
                page.add(searcher.storedFields().document(docs[i].doc));
            }
            // Where each entry is now (a forget moves the entries after the ones it cuts), from the SQLite index;
            // an event forgotten since this index last looked is left out.
            Map<Long, IndexReader.Place> places = index.source().places(page.stream()
                    .map(d -> d.getField(SearchDocument.ID).numericValue().longValue()).toList());
            List<Map<String, Object>> hits = new ArrayList<>();
            for (int i = 0; i < page.size(); i++) {
                IndexReader.Place place = places.get(page.get(i).getField(SearchDocument.ID).numericValue()
                        .longValue());
                if (place != null) {
                    hits.add(hit(index.vault(), page.get(i), place, snippets[i], zone, lineStarts));
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("hits", hits);
            answer.put("total", top.totalHits.value);
            answer.put("total_is_exact", top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation
                    .EQUAL_TO);
            answer.put("more", docs.length > to);
            answer.put("took_ms", (System.nanoTime() - started) / 1_000_000);
            return answer;
        });
    }

    private static void filters(SearchRequest request, BooleanQuery.Builder all) {
        if (!request.sourceTypes().isEmpty()) {
            BooleanQuery.Builder types = new BooleanQuery.Builder();
            request.sourceTypes().forEach(type -> types.add(new TermQuery(new Term("source_type", type)),
                    BooleanClause.Occur.SHOULD));
            all.add(types.build(), BooleanClause.Occur.FILTER);
        }
        if (request.fromMillis() != null || request.toMillis() != null) {
            long from = request.fromMillis() == null ? Long.MIN_VALUE : request.fromMillis();
            long to = request.toMillis() == null ? Long.MAX_VALUE : request.toMillis() - 1;
            all.add(LongPoint.newRangeQuery(SearchDocument.CAPTURED, from, to), BooleanClause.Occur.FILTER);
        }
        keyword(all, "app_name", request.appName() == null ? null : request.appName().toLowerCase(Locale.ROOT));
        keyword(all, "domain", request.domain() == null ? null : request.domain().toLowerCase(Locale.ROOT));
        keyword(all, "plugin_id", request.pluginId());
        keyword(all, "device_id", request.deviceId());
        if (request.windowTitle() != null) {
            Query title = new QueryBuilder(SearchIndex.ANALYZER).createPhraseQuery(SearchDocument.WINDOW_TITLE,
                    request.windowTitle());
            all.add(title == null ? new MatchAllDocsQuery() : title, BooleanClause.Occur.FILTER);
        }
    }

    private static void keyword(BooleanQuery.Builder all, String field, String value) {
        if (value != null) {
            all.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    /** The best passage of each hit with the matched words in {@code <mark>}, HTML-escaped; null where none. */
    private static String[] snippets(IndexSearcher searcher, Query words, TopDocs top, int from, int to)
            throws IOException {
        String[] snippets = new String[Math.max(0, to - from)];
        if (words == null || snippets.length == 0) {
            return snippets;
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, SearchIndex.ANALYZER)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxLength(1_000_000).build();
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, from, to);
        TopDocs pageDocs = new TopDocs(top.totalHits, page);
        String[] found = highlighter.highlight(SearchDocument.TEXT, words, pageDocs, 1);
        System.arraycopy(found, 0, snippets, 0, snippets.length);
        return snippets;
    }

    private static Map<String, Object> hit(Path vault, Document document, IndexReader.Place place, String snippet,
            ZoneId zone, Map<String, Long> lineStarts) throws IOException {
        String text = document.get(SearchDocument.TEXT);
        String shown = snippet != null ? snippet : escape(text.length() > SNIPPET_CHARS
                ? text.substring(0, SNIPPET_CHARS) + "…" : text).strip();
        Set<String> highlights = new LinkedHashSet<>();
        Matcher mark = MARK.matcher(shown);
        while (mark.find()) {
            highlights.add(unescape(mark.group(1)));
        }
        long millis = document.getField(SearchDocument.CAPTURED).numericValue().longValue();
        String file = place.file();
        long offset = place.offset();
        Map<String, Object> hit = new LinkedHashMap<>();
        hit.put("id", document.getField("id").numericValue().longValue());
        hit.put("source_type", document.get("source_type"));
        hit.put("captured_at", Instant.ofEpochMilli(millis).atZone(zone).toOffsetDateTime().toString());
        // A plain number (1708258800.5), as the timeline writes it, never 1.7082588005E9.
        hit.put("timestamp", new BigDecimal(Numbers.plain(millis / 1000d)));
        hit.put("title", document.get("title"));
        hit.put("snippet", shown);
        hit.put("highlights", List.copyOf(highlights));
        hit.put("file", file);
        hit.put("line", place.line() > 0 ? place.line() : line(vault, file, offset, lineStarts));
        hit.put("obsidian_uri", ObsidianLink.of(vault, file));
        hit.put("plugin_id", document.get("plugin_id"));
        hit.put("device_id", document.get("device_id"));
        hit.put("app_name", document.get("app_name_shown"));
        return hit;
    }

    /**
     * The 1-based line of the entry's heading: its offset in the file, as the index recorded it, after the blank
     * line that starts an entry.
     */
    private static long line(Path vault, String file, long offset, Map<String, Long> cache) throws IOException {
        Long known = cache.get(file + ":" + offset);
        if (known != null) {
            return known;
        }
        Path path = vault.resolve(file);
        long line = 1;
        if (Files.isRegularFile(path)) {
            try (var in = Files.newInputStream(path)) {
                byte[] buffer = new byte[64 * 1024];
                long read = 0;
                int n;
                while (read < offset && (n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read))) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            line++;
                        }
                    }
                    read += n;
                }
            }
        }
        // An entry starts with a blank line, then "### HH:MM": point at the heading.
        line += 1;
        cache.put(file + ":" + offset, line);
        return line;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
                .replace("&#39;", "'").replace("&#x2F;", "/").replace("&amp;", "&");
    }

}
