package dev.openclone.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Searching a test server, and looking for text where nothing should hold it. */
public final class Searching {

    private Searching() {
    }

    public static JsonNode search(TestServer server, String words) throws Exception {
        return server.http().get("/api/v1/search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8),
                TestServer.KEY).json();
    }

    /** Searches until at least {@code hits} are found (the search index follows within a second), at most 5 s. */
    public static JsonNode awaitSearch(TestServer server, String words, int hits) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        JsonNode found;
        do {
            found = search(server, words);
        } while (found.get("hits").size() < hits && System.nanoTime() < deadline);
        return found;
    }

    /** Every byte of the vault's index (with its WAL) and search index, as text. */
    public static String indexBytes(Path vault) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(vault.resolve(".openclone"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
