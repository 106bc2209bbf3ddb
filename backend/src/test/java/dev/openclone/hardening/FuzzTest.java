package dev.openclone.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclone.index.IndexReader;
import dev.openclone.support.Bodies;
import dev.openclone.support.Http;
import dev.openclone.support.RawHttp;
import dev.openclone.support.TestServer;
import dev.openclone.support.VaultNotes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two thousand generated hostile requests, seeded and so reproducible ({@code -Dopenclone.fuzz.seed=N}):
 * mutated bodies of every source type (wrong types, hostile text, deep nesting, huge values, broken JSON and
 * UTF-8, edge numbers) and framing abuses on raw sockets (bad chunks, short bodies, garbage request lines,
 * conflicting lengths). Every answer must be a 2xx or 4xx with a JSON body, the server must keep answering,
 * nothing may appear outside the vault, and every daily file must hold exactly the entries its index rows say.
 */
class FuzzTest {

    static final int CASES = 2_000;
    static final List<String> TYPES = List.of("braindump", "journal", "audio_system", "audio_mic", "screen_ocr",
            "web_browsing", "music", "health", "calendar", "notes", "gps", "photos", "email", "messaging",
            "activity");
    static final List<String> HOSTILE = List.of("---", "# heading", "### 12:00 · Fake", "<script>alert(1)</script>",
            "[[link]]", "![[embed]]", "\u0000nul", "\u202Eright-to-left", "a\r\nb\rc\n\nd", "\u2028\u2029",
            "| a | b |\n|---|---|", "```\ncode", "    indented", "> quote", "***", "\\", "'; DROP TABLE events; --",
            "../../etc/passwd", "%2e%2e%2f", "😀👍🏽", "東京で会議", "AKIAABCDEFGHIJKLMNOP", "password=hunter2",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "4111 1111 1111 1111", "---\ntitle: injected\n---",
            "<!-- comment", "&lt;&amp;", "\t\t", " ", "", "x".repeat(20_000), "=".repeat(300), "-".repeat(5),
            "<details><summary>", "$$ math $$", "~~~", "\u0007\u001b[31mred", "\uFEFFbom");

    @TempDir
    Path dir;

    @Test
    void hostileRequestsGetJsonAnswersAndLeaveTheVaultWhole() throws Exception {
        long seed = Long.getLong("openclone.fuzz.seed", 20_261_202L);
        Random random = new Random(seed);
        Path outsideMarker = dir.resolve("outside-before");
        Files.writeString(outsideMarker, "x");
        Set<String> before = files(dir);
        int stored = 0;
        try (TestServer server = TestServer.start(dir)) {
            for (int i = 0; i < CASES; i++) {
                String label = "seed " + seed + ", case " + i;
                if (random.nextInt(10) == 0) {
                    String answer = RawHttp.exchangeAndHalfClose(server.port(), framing(random));
                    if (!answer.isEmpty()) {
                        assertJsonAnswer(RawHttp.status(answer), RawHttp.body(answer), label + ": " + answer);
                    }
                } else {
                    byte[] body = body(random, i);
                    Http.Response response = server.http().ingestBytes(body);
                    assertJsonAnswer(response.status(), response.body(), label + ": "
                            + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
                    if (response.status() == 200) {
                        stored += response.json().get("stored").asInt();
                    }
                }
                if (i % 250 == 0) {
                    assertThat(server.http().get("/api/v1/health").status()).as(label).isEqualTo(200);
                }
            }
            assertThat(server.http().get("/api/v1/health").status()).isEqualTo(200);
            assertThat(stored).as("some mutants are valid and stored").isPositive();
        }
        Set<String> after = files(dir);
        after.removeIf(path -> path.startsWith("vault/") || path.startsWith("home/"));
        before.removeIf(path -> path.startsWith("vault/") || path.startsWith("home/"));
        assertThat(after).as("nothing written outside the vault and home").isEqualTo(before);
        assertDailyFilesMatchTheirIndexRows(dir.resolve("vault"));
    }

    private static void assertJsonAnswer(int status, String body, String label) throws IOException {
        assertThat(status).as(label).satisfiesAnyOf(s -> assertThat(s).isBetween(200, 299),
                s -> assertThat(s).isBetween(400, 499));
        JsonNode json;
        try {
            json = Bodies.JSON.readTree(body);
        } catch (IOException notJson) {
            throw new AssertionError(label + " → not JSON: " + body, notJson);
        }
        assertThat(json).as(label + " → " + status + " " + body).isNotNull();
        if (status >= 400) {
            assertThat(json.has("detail")).as(label + " → " + status + " " + body).isTrue();
        }
    }

    /** A body: a valid batch of a random type, then one to three mutations. */
    static byte[] body(Random random, int caseNumber) {
        ObjectNode batch = Bodies.batch(TYPES.get(random.nextInt(TYPES.size())));
        int events = 1 + random.nextInt(4);
        for (int e = 0; e < events; e++) {
            ObjectNode data = Bodies.event(batch, Bodies.SEED_TIME + random.nextInt(86_400 * 3),
                    "fuzz-" + caseNumber + "-" + e);
            fill(batch.get("source_type").asText(), data, random);
        }
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutate(batch, random);
        }
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(25)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> (new String(bytes, StandardCharsets.UTF_8) + " trailing").getBytes(StandardCharsets.UTF_8);
            case 2 -> corruptUtf8(bytes, random);
            case 3 -> ("[".repeat(1_500) + "]".repeat(1_500)).getBytes(StandardCharsets.UTF_8);
            case 4 -> new String(bytes, StandardCharsets.UTF_8).replace("\"text\"", "\"text\":1,\"text\"")
                    .getBytes(StandardCharsets.UTF_8);
            default -> bytes;
        };
    }

    private static void fill(String type, ObjectNode data, Random random) {
        switch (type) {
            case "web_browsing" -> data.put("url", random.nextBoolean() ? "https://example.com/" + hostile(random)
                    : hostile(random)).put("title", hostile(random));
            case "music" -> data.put("track", hostile(random)).put("artist", hostile(random));
            case "health" -> data.put("steps", random.nextInt(20_000)).put("heart_rate", random.nextDouble() * 200);
            case "calendar" -> data.put("title", hostile(random)).put("start", Bodies.SEED_TIME)
                    .putArray("attendees").add(hostile(random));
            case "notes" -> data.put("title", hostile(random)).put("text", hostile(random)).putArray("tags")
                    .add(hostile(random));
            case "gps" -> data.put("lat", random.nextDouble() * 180 - 90).put("lon", random.nextDouble() * 360 - 180);
            case "photos" -> data.put("filename", hostile(random));
            case "email" -> data.put("subject", hostile(random)).put("from", hostile(random));
            case "messaging" -> data.put("from", hostile(random)).put("preview", hostile(random));
            case "activity" -> data.put("app_name", hostile(random)).put("duration", random.nextInt(5_000));
            default -> data.put("text", hostile(random)).put("app_name", hostile(random))
                    .put("window_title", hostile(random));
        }
    }

    private static String hostile(Random random) {
        String one = HOSTILE.get(random.nextInt(HOSTILE.size()));
        return random.nextInt(3) == 0 ? one + " " + HOSTILE.get(random.nextInt(HOSTILE.size())) : one;
    }

    private static void mutate(ObjectNode batch, Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode eventsNode = batch.get("events");
        ArrayNode events = eventsNode instanceof ArrayNode array ? array : batch.putArray("events");
        JsonNode picked = events.isEmpty() || random.nextInt(3) == 0 ? batch : events.get(random.nextInt(events.size()));
        if (picked != batch && random.nextBoolean()) {
            picked = picked.path("data");
        }
        // An earlier mutation may have turned it into something else: then the batch itself.
        ObjectNode target = picked instanceof ObjectNode object ? object : batch;
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String field = names.isEmpty() || random.nextInt(5) == 0 ? hostile(random)
                : names.get(random.nextInt(names.size()));
        switch (random.nextInt(14)) {
            case 0 -> target.remove(field);
            case 1 -> target.putNull(field);
            case 2 -> target.put(field, random.nextBoolean());
            case 3 -> target.put(field, List.of(0, -1, 1e308, -1e308, 4.9e-324, Long.MAX_VALUE, 1_577_836_799,
                    9_999_999_999L).get(random.nextInt(8)).doubleValue());
            case 4 -> target.put(field, hostile(random));
            case 5 -> target.set(field, nodes.arrayNode().add(hostile(random)).add(1).addNull());
            case 6 -> target.set(field, deep(random.nextInt(200)));
            case 7 -> target.put(field, "x".repeat(random.nextInt(300_000)));
            case 8 -> target.put(field, nodes.numberNode(new java.math.BigDecimal("1e" + random.nextInt(400)))
                    .asText());
            case 9 -> {
                for (int k = 0; k < 510 && !events.isEmpty() && events.size() < 505; k++) {
                    events.add(events.get(0).deepCopy());
                }
            }
            case 10 -> batch.set("events", nodes.arrayNode());
            case 11 -> target.put(field, random.nextInt(2) == 0 ? "1.0.0-" + "a.".repeat(random.nextInt(2_000))
                    : "1.0." + random.nextInt());
            case 12 -> target.set(field, nodes.objectNode().put(hostile(random), hostile(random)));
            default -> target.put(field, random.nextInt());
        }
    }

    private static JsonNode deep(int depth) {
        JsonNode node = JsonNodeFactory.instance.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = JsonNodeFactory.instance.arrayNode().add(node);
        }
        return node;
    }

    private static byte[] corruptUtf8(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int at = random.nextInt(copy.length);
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90}, {(byte) 0xFF}, {(byte) 0xED,
            (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};
        byte[] pick = bad[random.nextInt(bad.length)];
        System.arraycopy(pick, 0, copy, at, Math.min(pick.length, copy.length - at));
        return copy;
    }

    /** A request with broken framing, on a raw socket. */
    static byte[] framing(Random random) {
        String body = Bodies.braindumps("raw-" + random.nextInt(1_000_000) + "-", "framed");
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        String request = switch (random.nextInt(10)) {
            case 0 -> RawHttp.ingestHead("Transfer-Encoding: chunked\r\n") + "zz\r\n" + body + "\r\n0\r\n\r\n";
            case 1 -> RawHttp.ingestHead("Transfer-Encoding: chunked\r\n") + Integer.toHexString(length + 5)
                    + "\r\n" + body + "\r\n0\r\n\r\n";
            case 2 -> RawHttp.ingestHead("Content-Length: " + (length / 2) + "\r\n") + body;
            case 3 -> RawHttp.ingestHead("Content-Length: " + length + "\r\nContent-Length: 3\r\n") + body;
            case 4 -> RawHttp.ingestHead("Content-Length: " + length + "\r\nTransfer-Encoding: chunked\r\n")
                    + body;
            case 5 -> "GARBAGE /api/v1/ingest HTTP/1.1\r\nHost: x\r\n\r\n";
            case 6 -> "POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nX-API-Key: " + TestServer.KEY + "\r\nContent-Length: "
                    + "-5\r\n\r\n" + body;
            case 7 -> RawHttp.ingestHead("Content-Length: " + length + "\r\nX-Bad\u0001Header: v\r\n") + body;
            case 8 -> "POST /api/v1/ingest?" + "q=".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            default -> RawHttp.ingestHead("Content-Length: " + length + "\r\nContent-Length: " + length + "\r\n")
                    + body;
        };
        return request.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> files(Path root) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString()));
        }
        return files;
    }

    /** Each daily file: its header, then exactly as many entries as the index has rows for it. */
    private static void assertDailyFilesMatchTheirIndexRows(Path vault) throws IOException {
        IndexReader index = new IndexReader(vault);
        for (Path file : VaultNotes.of(vault)) {
            String relative = vault.relativize(file).toString();
            String text = Files.readString(file);
            String day = file.getFileName().toString().replace(".md", "");
            String folder = file.getParent().getFileName().toString();
            assertThat(text).as(relative).startsWith("---\ntitle: " + folder + " " + day + "\n")
                    .endsWith("\n---\n");
            long entries = text.lines().filter(line -> line.startsWith("### ")).count();
            long separators = text.lines().filter(line -> line.equals("---")).count() - 2;
            int rows = index.eventsInFiles(List.of(relative), null, Integer.MAX_VALUE).size();
            assertThat(entries).as("entries in %s", relative).isEqualTo(rows);
            assertThat(separators).as("separators in %s", relative).isEqualTo(rows);
        }
    }
}
