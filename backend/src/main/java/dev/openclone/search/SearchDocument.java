package dev.openclone.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclone.event.Urls;
import dev.openclone.index.IndexReader;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * A stored event as the search index keeps it: its text-bearing fields as one analysed text (every string of its
 * data, already redacted: a secret is never indexed) and the fields a query filters on. Where its entry is, the
 * SQLite index says at search time: a forget or an edit moves entries.
 */
final class SearchDocument {

    static final String TEXT = "text";
    static final String ID = "id";
    static final String WINDOW_TITLE = "window_title";
    static final String CAPTURED = "captured_at";
    /** Fields of data that are names and labels rather than captured text worth a title. */
    private static final List<String> TITLE_FIELDS = List.of("title", "track", "subject", "app_name", "name",
            "place", "filename", "from", "session_key");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchDocument() {
    }

    static Document of(IndexReader.Row row) throws IOException {
        JsonNode data = JSON.readTree(row.data());
        StringBuilder text = new StringBuilder();
        collect(data, text);
        Document document = new Document();
        document.add(new StoredField(ID, row.id()));
        // Also a point: a forgotten event's document is deleted by its id.
        document.add(new LongPoint(ID, row.id()));
        document.add(new TextField(TEXT, text.toString(), Field.Store.YES));
        document.add(new StringField("source_type", row.sourceType(), Field.Store.YES));
        document.add(new StringField("plugin_id", row.pluginId(), Field.Store.YES));
        document.add(new StringField("device_id", row.deviceId(), Field.Store.YES));
        String app = data.path("app_name").asText("");
        if (!app.isEmpty()) {
            document.add(new StringField("app_name", app.toLowerCase(Locale.ROOT), Field.Store.NO));
            document.add(new StoredField("app_name_shown", app));
        }
        String window = data.path("window_title").asText("");
        if (!window.isEmpty()) {
            document.add(new TextField(WINDOW_TITLE, window, Field.Store.NO));
        }
        String domain = data.path("domain").asText("");
        if (domain.isEmpty() && data.hasNonNull("url")) {
            domain = Urls.host(data.get("url").asText()).orElse("");
        }
        if (!domain.isEmpty()) {
            String host = domain.toLowerCase(Locale.ROOT);
            document.add(new StringField("domain", host, Field.Store.NO));
            document.add(new StringField("domain", host.startsWith("www.") ? host.substring(4) : "www." + host,
                    Field.Store.NO));
        }
        long millis = Math.round(row.capturedAt() * 1000);
        document.add(new LongPoint(CAPTURED, millis));
        document.add(new NumericDocValuesField(CAPTURED, millis));
        document.add(new StoredField(CAPTURED, millis));
        document.add(new StoredField("title", title(data)));
        return document;
    }

    /** Every string under {@code node}, one per line: the captured text, whatever the source type names it. */
    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            if (!node.textValue().isBlank()) {
                text.append(node.textValue()).append('\n');
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, text));
        }
    }

    private static String title(JsonNode data) {
        for (String field : TITLE_FIELDS) {
            String value = data.path(field).asText("");
            if (!value.isBlank()) {
                return value.length() > 120 ? value.substring(0, 119) + "…" : value;
            }
        }
        return "";
    }
}
