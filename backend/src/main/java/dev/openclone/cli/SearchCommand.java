package dev.openclone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openclone search QUERY}: the memory's hits in the terminal, or as JSON. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search everything captured: words, \"quoted phrases\", -excluded, prefix*.",
            "Each hit: time, source, title, file:line in the vault, and a snippet with the matched words.",
            "Needs a key that may read (the default key, or one created with --read).",
            "Server: OPENCLONE_URL, else the one serve recorded, else http://127.0.0.1:8000.",
            "Key: API_KEY, else backend/.env."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered (with or without hits)", "1:the server could not be reached, refused the key "
                + "or failed", "2:bad usage (the reason is printed)"})
public final class SearchCommand extends ClientCommand {

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "The words; several are joined.")
    List<String> words = List.of();

    @Option(names = "--source-type", paramLabel = "TYPE", split = ",", description = "Only these source types.")
    List<String> sourceTypes = List.of();

    @Option(names = "--from", paramLabel = "WHEN", description = "Captured at or after: 2024-02-18, an ISO-8601 "
            + "date-time, or epoch seconds.")
    String from;

    @Option(names = "--to", paramLabel = "WHEN", description = "Captured before (a date includes that day).")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N hits, 1-100 (default 20).")
    Integer limit;

    @Option(names = "--time", description = "Newest first instead of by relevance.")
    boolean byTime;

    @Option(names = "--json", description = "Print the server's JSON answer.")
    boolean json;

    @Override
    int run(ServerConnection server) throws Exception {
        StringBuilder query = new StringBuilder("/api/v1/search?q=").append(encode(String.join(" ", words)));
        sourceTypes.forEach(type -> query.append("&source_type=").append(encode(type)));
        if (from != null) {
            query.append("&from=").append(encode(from));
        }
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        if (limit != null) {
            query.append("&limit=").append(limit);
        }
        if (byTime) {
            query.append("&sort=time");
        }
        ServerConnection.Answer answer = server.get(query.toString());
        if (answer.status() == 422) {
            System.err.println("openclone: " + answer.detail());
            return 2;
        }
        if (answer.status() != 200) {
            System.err.println("openclone: the search was refused (" + answer.status() + "): " + answer.detail()
                    + (answer.status() == 403 ? " (create a key with: openclone key create --read)" : ""));
            return 1;
        }
        if (json) {
            System.out.println(answer.body());
            return 0;
        }
        JsonNode hits = answer.json().path("hits");
        if (hits.isEmpty()) {
            System.out.println("No hits.");
            return 0;
        }
        for (JsonNode hit : hits) {
            String when = hit.path("captured_at").asText().replace('T', ' ');
            System.out.printf("%s  %-13s %s  %s:%d%n", when.length() > 16 ? when.substring(0, 16) : when,
                    hit.path("source_type").asText(), hit.path("title").asText(), hit.path("file").asText(),
                    hit.path("line").asLong());
            System.out.println("    " + text(hit.path("snippet").asText()));
        }
        if (answer.json().path("more").asBoolean()) {
            System.out.println("(more hits: --limit up to 100, or narrow the query)");
        }
        return 0;
    }

    /** The snippet for a terminal: matched words between ** **, HTML entities decoded, on one line. */
    static String text(String snippet) {
        return snippet.replace("<mark>", "**").replace("</mark>", "**").replace("&#x27;", "'")
                .replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
